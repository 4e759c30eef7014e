package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.report.ReportWriter;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe steps publish the engine's JUnit files through the junit plugin (1369.v15da_00283f06). Its rule, from
 * {@code hudson.tasks.junit.JUnitParser.ParseResultCallable.invoke} and {@code JUnitResultArchiver.parseAndSummarize}:
 * without {@code allowEmptyResults}, a pattern that matches no file aborts the step with "No test report files were
 * found. Configuration error?", and files without a single test case with "None of the test reports contained any
 * result". Applied here to the files the engine really writes, with the settings the step really uses.
 */
class JUnitPublicationTest {

    @TempDir
    Path workspace;

    /** What the junit step does with the files; throws with the plugin's message where it would abort the step. */
    static int archive(Path workspace, String testResults, boolean allowEmptyResults) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + testResults);
        List<Path> files;
        try (Stream<Path> all = Files.walk(workspace)) {
            files = all.filter(Files::isRegularFile).filter(f -> matcher.matches(workspace.relativize(f))).toList();
        }
        if (files.isEmpty() && !allowEmptyResults) {
            throw new IllegalStateException("No test report files were found. Configuration error?");
        }
        int cases = 0;
        for (Path file : files) {
            cases += testCases(file);
        }
        if (cases == 0 && !allowEmptyResults) {
            throw new IllegalStateException("None of the test reports contained any result");
        }
        return cases;
    }

    private static int testCases(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = XMLInputFactory.newInstance().createXMLStreamReader(in);
            int cases = 0;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.START_ELEMENT && reader.getLocalName().equals("testcase")) {
                    cases++;
                }
            }
            return cases;
        } catch (XMLStreamException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A probe step's publication: the engine writes its reports, the step calls junit if it decides to. */
    private int publish(RunResult result) throws IOException {
        String reportDir = "chaos-reports/tenantIsolationProbe";
        ReportWriter.write(result, workspace.resolve(reportDir), SecretRedactor.none());
        if (!ProbeStepExecution.publishesJUnit(result)) {
            return -1;
        }
        return archive(workspace, ProbeStepExecution.junitPattern(reportDir), ProbeStepExecution.ALLOW_EMPTY_RESULTS);
    }

    @Test
    void aDryRunDoesNotAbortTheJunitStep() throws Exception {
        assertEquals(-1, publish(RuntimeFixtures.dryRun()), "a dry run has no check, so no JUnit is published");
    }

    @Test
    void aRealRunPublishesEveryCheck() throws Exception {
        RunResult result = RuntimeFixtures.tenantRun(3, 1, "leak");
        assertTrue(ProbeStepExecution.publishesJUnit(result));
        assertEquals(result.checks().size(), publish(result));
    }

    @Test
    void theRuleAbortsOnMissingFilesAsTheJunitPluginDoes() throws Exception {
        // the reason the step keeps allowEmptyResults false: reports that went missing fail loudly
        assertFalse(ProbeStepExecution.ALLOW_EMPTY_RESULTS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> archive(workspace, ProbeStepExecution.junitPattern("nowhere"), false));
        assertEquals("No test report files were found. Configuration error?", e.getMessage());
    }
}

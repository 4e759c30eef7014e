package io.jenkins.plugins.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.support.SurefireReports;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheThreeOutputsWhereTheContractSays() throws Exception {
        Path reportDir = dir.resolve("chaos-reports");
        ReportFiles files = ReportWriter.write(RunFixtures.leakyRun(), reportDir);
        assertEquals(reportDir.resolve("junit"), files.junitDir());
        assertEquals(reportDir.resolve("journal.json"), files.journal());
        assertEquals(reportDir.resolve("report.html"), files.html());
        assertTrue(Files.size(files.journal()) > 1000);
        assertTrue(Files.size(files.html()) > 1000);
    }

    @Test
    void secretsLeaveNoTraceInAnyOutput() throws Exception {
        String token = "sk-tenant-bob-5f2a9c";
        CheckResult check = new CheckResult("isolation.api", "alice with bob's token " + token, Verdict.CRITICAL,
                "accepted " + token, List.of("Authorization: Bearer " + token), RunFixtures.START, 2);
        RunResult run = new RunResult("e", "env", "run-" + token, RunFixtures.START, RunFixtures.START, List.of(),
                List.of(check), List.of(), "aborted with " + token, List.of("note " + token));
        ReportFiles files = ReportWriter.write(run, dir, new SecretRedactor(List.of(token)));
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(3, all.size(), all.toString());
        for (Path file : all) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertFalse(text.contains(token), file + " leaks the token");
            assertTrue(text.contains("****"), file + " shows no redaction mark");
        }
        assertTrue(Files.exists(files.junitDir().resolve("TEST-chaos.isolation.api.xml")));
    }

    @Test
    void probesWhoseFileNamesCollideGetTheirOwnFiles() throws Exception {
        RunResult run = new RunResult("e", "env", "r", RunFixtures.START, RunFixtures.START, List.of(),
                List.of(RunFixtures.check("a/b", "x", Verdict.PASSED, 1), RunFixtures.check("a b", "y", Verdict.CRITICAL, 1)),
                List.of(), null, List.of());
        ReportFiles files = ReportWriter.write(run, dir);
        Path slash = files.junitDir().resolve(JunitXmlWriter.fileName("a/b"));
        Path space = files.junitDir().resolve(JunitXmlWriter.fileName("a b"));
        assertFalse(slash.equals(space));
        assertEquals(1, SurefireReports.parse(slash).getNumberOfTests());
        assertEquals(0, SurefireReports.parse(slash).getNumberOfFailures());
        assertEquals(1, SurefireReports.parse(space).getNumberOfFailures());
        String journal = Files.readString(files.journal(), StandardCharsets.UTF_8);
        assertTrue(journal.contains("\"junitFile\" : \"junit/" + space.getFileName() + "\""), journal);
    }
}

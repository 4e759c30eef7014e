package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExamplePipelinesTest {
    private static final Path ROOT = Path.of(System.getProperty("chaos.repoRoot", ".."));

    private static List<Path> pipelines() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("examples/pipelines"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("Jenkinsfile")).sorted().toList();
        }
    }

    @Test
    void everyExamplePipelineUsesOnlyExistingStepsAndArguments() throws IOException {
        List<Path> files = pipelines();
        assertTrue(files.size() >= 4, "expected the four example pipelines, found " + files);
        Map<String, Integer> calls = new TreeMap<>();
        for (Path file : files) {
            PipelineStepChecker.Report report = PipelineStepChecker.check(file.getFileName().toString(),
                    Files.readString(file, StandardCharsets.UTF_8));
            assertEquals(List.of(), report.problems(), file.toString());
            report.stepCalls().forEach((step, n) -> calls.merge(step, n, Integer::sum));
        }
        // every step is shown in at least one example
        assertEquals(ChaosStepNames.STEPS.keySet(), calls.keySet());
    }

    @Test
    void rootJenkinsfileParsesAndBuildsThePlugin() throws IOException {
        String script = Files.readString(ROOT.resolve("Jenkinsfile"), StandardCharsets.UTF_8);
        PipelineStepChecker.Report report = PipelineStepChecker.check("Jenkinsfile", script);
        assertEquals(List.of(), report.problems());
        assertTrue(script.contains("buildPlugin("), "the root Jenkinsfile builds the plugin with buildPlugin(...)");
    }

    @Test
    void theScheduledExamplesRunOnTheirSchedules() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("examples/pipelines/tenant-isolation-every-30-minutes.Jenkinsfile"))
                .contains("cron('H/30 * * * *')"));
        assertTrue(Files.readString(ROOT.resolve("examples/pipelines/provider-failover-every-4-hours.Jenkinsfile"))
                .contains("cron('H H/4 * * *')"));
        assertTrue(Files.readString(ROOT.resolve("examples/pipelines/validate-only.Jenkinsfile")).contains("dryRun: true"));
    }

    @Test
    void aMisspelledArgumentIsReportedWithItsLine() {
        PipelineStepChecker.Report report = PipelineStepChecker.check("bad.Jenkinsfile", """
                node {
                  tenantIsolationProbe(gateway: 'http://127.0.0.1:1',
                                       failon: 'critical')
                }
                """);
        assertEquals(1, report.problems().size(), report.problems().toString());
        PipelineStepChecker.Finding finding = report.problems().get(0);
        assertEquals(3, finding.line());
        assertTrue(finding.message().contains("unknown argument 'failon'"), finding.message());
        assertTrue(finding.message().contains("failOn"), "lists the allowed names: " + finding.message());
    }

    @Test
    void nestedMapsAndListsAreCheckedAgainstTheirOwnArguments() {
        PipelineStepChecker.Report report = PipelineStepChecker.check("bad.Jenkinsfile", """
                chaosInject(kind: 'PodChaos', selector: [namespace: ['a']]) {
                  providerFailoverProbe(faults: [[kind: 'PodChaos', selector: [labels: ['app=x']]]],
                                        tenants: [[name: 'a']])
                }
                """);
        List<String> messages = report.problems().stream().map(PipelineStepChecker.Finding::message).toList();
        assertEquals(3, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("chaosInject.selector: unknown argument 'namespace'"), messages.get(0));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("providerFailoverProbe.faults[].selector: unknown argument 'labels'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("providerFailoverProbe: unknown argument 'tenants'")), messages.toString());
    }

    @Test
    void anUnknownStepThatLooksLikeOursIsReported() {
        PipelineStepChecker.Report report = PipelineStepChecker.check("bad.Jenkinsfile", "node { chaosInjectt(kind: 'PodChaos') }");
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).message().contains("unknown step 'chaosInjectt'"));
    }

    @Test
    void aSyntaxErrorFailsTheCheck() {
        org.junit.jupiter.api.Assertions.assertThrows(org.codehaus.groovy.control.CompilationFailedException.class,
                () -> PipelineStepChecker.check("broken.Jenkinsfile", "pipeline { stages { "));
        assertFalse(ChaosStepNames.STEPS.isEmpty());
    }
}

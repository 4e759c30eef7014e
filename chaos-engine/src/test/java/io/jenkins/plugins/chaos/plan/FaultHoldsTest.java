package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold of a manifest fault is its own: a chaos's spec.duration, a Schedule's body, a Workflow's deadline. */
class FaultHoldsTest {

    @TempDir
    Path dir;

    private ExperimentPlan plan(String extra, String manifest) throws Exception {
        Files.writeString(dir.resolve("fault.yaml"), manifest);
        LoadResult loaded = ExperimentLoader.fromYaml("""
                name: holds
                environment: test
                maxDuration: 10m
                %sfaults:
                  - manifest: fault.yaml
                """.formatted(extra), "holds.yaml", dir.toString(), PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    private static final String PARTITION = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: cut, namespace: tenant-alice}
            spec:
              action: partition
              mode: all
              selector: {namespaces: [tenant-alice]}
              direction: to
              target: {mode: all, selector: {namespaces: [tenant-bob]}}
              duration: 5m
            """;

    @Test
    void aManifestIsHeldForItsOwnDuration() throws Exception {
        assertEquals(Duration.ofMinutes(5), plan("", PARTITION).hold(false));
        assertEquals(Duration.ZERO, plan("", PARTITION).hold(true), "a dry run holds nothing");
    }

    @Test
    void theExperimentsHoldWins() throws Exception {
        assertEquals(Duration.ofSeconds(45), plan("hold: 45s\n", PARTITION).hold(false));
    }

    @Test
    void aHoldAboveTheCapIsRefused() throws Exception {
        Files.writeString(dir.resolve("fault.yaml"), PARTITION);
        LoadResult loaded = ExperimentLoader.fromYaml("""
                name: holds
                environment: test
                maxDuration: 10m
                hold: 1h
                faults:
                  - manifest: fault.yaml
                """, "holds.yaml", dir.toString(), PlanLimits.none());
        assertFalse(loaded.ok());
        assertTrue(loaded.describeErrors().contains("hold: 1h must be above 0s and at most the cap of 10m (maxDuration)"),
                loaded.describeErrors());
    }

    @Test
    void aScheduleIsHeldForItsBodysDuration() throws Exception {
        assertEquals(Duration.ofMinutes(2), plan("", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: every, namespace: tenant-alice}
                spec:
                  schedule: "@every 5m"
                  type: NetworkChaos
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  networkChaos:
                    action: partition
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: to
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    duration: 2m
                """).hold(false));
    }

    @Test
    void aWorkflowIsHeldForWhatItsTemplatesAddUpTo() throws Exception {
        assertEquals(Duration.ofSeconds(150), plan("", """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: serial, namespace: tenant-alice}
                spec:
                  entry: entry
                  templates:
                    - {name: entry, templateType: Serial, children: [both, settle]}
                    - {name: both, templateType: Parallel, children: [cut, wait]}
                    - name: cut
                      templateType: NetworkChaos
                      deadline: 2m
                      networkChaos:
                        action: partition
                        mode: all
                        selector: {namespaces: [tenant-alice]}
                        direction: to
                        target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    - {name: wait, templateType: Suspend, deadline: 1m}
                    - {name: settle, templateType: Suspend, deadline: 30s}
                """).hold(false));
    }
}

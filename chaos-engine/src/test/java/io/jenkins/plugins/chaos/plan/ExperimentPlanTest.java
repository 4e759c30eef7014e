package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.ValidationError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan is what every consumer takes as it is: typed values, the hold rule, run naming, the operator's limits. */
class ExperimentPlanTest {

    @TempDir
    Path dir;

    private static final String TWO_FAULTS = """
            name: plan test
            abortOn: critical
            maxDuration: 30m
            injectionTimeout: 45s
            recoveryTimeout: 20s
            faults:
              - name: partition
                kind: NetworkChaos
                action: partition
                duration: 90s
                mode: all
                direction: both
                selector: {namespaces: [tenant-alice]}
                target: {mode: all, selector: {namespaces: [tenant-bob]}}
              - name: outage
                kind: PodChaos
                action: pod-failure
                duration: 5m
                mode: all
                selector: {namespaces: [inference], labelSelectors: {app: provider}}
            probes:
              tenantIsolation:
                phases: [before, after]
                network: true
                rbac: false
                tenants:
                  - {name: alice, namespace: tenant-alice}
                  - {name: bob, namespace: tenant-bob}
            """;

    private static ExperimentPlan plan(String yaml, PlanLimits limits) {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "plan.yaml", ".", limits);
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    @Test
    void durationsStopConditionAndPhasesAreValuesAfterPlanning() {
        ExperimentPlan plan = plan(TWO_FAULTS, PlanLimits.none());
        assertEquals(Duration.ofMinutes(30), plan.maxDuration());
        assertEquals(Duration.ofSeconds(45), plan.injectionTimeout());
        assertEquals(Duration.ofSeconds(20), plan.recoveryTimeout());
        assertEquals(AbortOn.CRITICAL, plan.abortOn());
        assertEquals(EnumSet.of(IsolationPhase.BEFORE, IsolationPhase.AFTER), plan.isolationPhases());
        assertFalse(plan.isolationRunsIn(IsolationPhase.DURING));
        assertEquals(2, plan.faults().size());
        assertEquals(Duration.ofSeconds(90), plan.faults().get(0).duration());
    }

    @Test
    void theHoldIsTheLongestFaultAndNothingInADryRun() {
        ExperimentPlan plan = plan(TWO_FAULTS, PlanLimits.none());
        assertEquals(Duration.ofMinutes(5), plan.hold(false));
        assertEquals(Duration.ZERO, plan.hold(true));
    }

    @Test
    void theOperatorsCapIsAppliedAtPlanningAndRefusesALongerFault() {
        LoadResult loaded = ExperimentLoader.fromYaml(TWO_FAULTS, "plan.yaml", ".",
                new PlanLimits(Duration.ofMinutes(2), List.of()));
        assertFalse(loaded.ok());
        assertNull(loaded.plan(), "an invalid experiment has no plan");
        assertTrue(loaded.errors().stream().map(ValidationError::field).anyMatch("faults[1].duration"::equals),
                loaded::describeErrors);
        assertEquals(Duration.ofMinutes(10), plan(TWO_FAULTS, new PlanLimits(Duration.ofMinutes(10), List.of()))
                .maxDuration(), "the lower of the two caps wins");
    }

    @Test
    void theOperatorsNamespacesJoinTheExperimentsAllowList() {
        ExperimentPlan plan = plan(TWO_FAULTS.replace("abortOn: critical", "allowedNamespaces: [tenant-alice]"),
                new PlanLimits(null, List.of("inference")));
        assertEquals(Set.of("tenant-alice", "inference"), plan.allowedNamespaces());
        assertEquals(AbortOn.ISOLATION, plan.abortOn(), "an isolation breach ends the faults unless told otherwise");
    }

    @Test
    void inlineFaultsAreNamedAfterTheRunManifestsKeepTheirNames() throws Exception {
        Files.writeString(dir.resolve("kill.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill-one, namespace: inference}
                spec:
                  action: pod-kill
                  mode: one
                  selector: {namespaces: [inference], labelSelectors: {app: provider}}
                """);
        LoadResult loaded = ExperimentLoader.fromYaml(TWO_FAULTS.replace("probes:", "  - manifest: kill.yaml\nprobes:"),
                "plan.yaml", dir.toString(), PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        ExperimentPlan plan = loaded.plan();
        assertNull(plan.runId());
        ExperimentPlan run = plan.forRun("r42");
        assertEquals("r42", run.runId());
        assertEquals("partition-r42", run.faults().get(0).name());
        assertEquals("outage-r42", run.faults().get(1).name());
        assertEquals("kill-one", run.faults().get(2).name());
        assertSame(plan.faults().get(2), run.faults().get(2), "a manifest is applied as written");
        assertEquals("partition", plan.faults().get(0).name(), "forRun leaves the plan itself untouched");
        assertEquals(Duration.ofMinutes(5), run.hold(false), "a manifest without a duration does not set the hold");
    }

    @Test
    void aManifestsDurationSetsTheHoldWithinTheCap() throws Exception {
        Files.writeString(dir.resolve("delay.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: slow-provider, namespace: inference}
                spec:
                  action: delay
                  mode: all
                  duration: 3m
                  selector: {namespaces: [inference], labelSelectors: {app: provider}}
                  delay: {latency: 200ms}
                """);
        String onlyAManifest = """
                name: manifest only
                environment: staging
                maxDuration: 30m
                faults:
                  - manifest: delay.yaml
                """;
        LoadResult loaded = ExperimentLoader.fromYaml(onlyAManifest, "plan.yaml", dir.toString(), PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        assertEquals(Duration.ofMinutes(3), loaded.plan().hold(false), "chaosInject(manifest:) held 0s before");
        assertEquals(Duration.ZERO, loaded.plan().hold(true));
        LoadResult capped = ExperimentLoader.fromYaml(onlyAManifest.replace("maxDuration: 30m", "maxDuration: 5m"),
                "plan.yaml", dir.toString(), PlanLimits.none());
        assertTrue(capped.ok(), capped::describeErrors);
        assertEquals(Duration.ofMinutes(3), capped.plan().hold(false));
    }

    @Test
    void theAdministratorsNamespacesBoundTheExperimentsAllowList() {
        PlanLimits admin = PlanLimits.administrator(null, List.of("tenant-alice", "inference"));
        ExperimentPlan narrowed = plan(TWO_FAULTS.replace("abortOn: critical", "allowedNamespaces: [tenant-alice]"), admin);
        assertEquals(Set.of("tenant-alice"), narrowed.allowedNamespaces(), "the workspace YAML may only narrow");
        assertTrue(narrowed.allowListBinding());
        assertEquals(Set.of("tenant-alice", "inference"), plan(TWO_FAULTS, admin).allowedNamespaces());

        LoadResult widened = ExperimentLoader.fromYaml(TWO_FAULTS.replace("abortOn: critical",
                "allowedNamespaces: [tenant-alice, tenant-bob]"), "plan.yaml", ".", admin);
        assertFalse(widened.ok(), "before the fix the lists were joined and tenant-bob became allowed");
        assertTrue(widened.describeErrors().contains("allowedNamespaces[1]: 'tenant-bob' is not among the administrator's"
                + " allowed namespaces (global configuration); allowed: tenant-alice, inference"), widened::describeErrors);

        assertFalse(plan(TWO_FAULTS, PlanLimits.administrator(null, List.of())).allowListBinding(),
                "an empty global list leaves the namespace-annotation rule in place");
    }

    /**
     * In Jenkins an {@code env:} token comes from the step's environment ({@code withCredentials}), which the agent
     * JVM's environment does not have: the plan checks the names the run will resolve against, when given them.
     */
    @Test
    void envReferencesAreCheckedAgainstTheVariablesTheRunWillUse() {
        String yaml = """
                name: env tokens
                probes:
                  tenantIsolation:
                    tenants:
                      - {name: alice, namespace: tenant-alice, token: "env:CHAOS_TEST_STEP_ONLY_TOKEN_A"}
                      - {name: bob, namespace: tenant-bob, token: "env:CHAOS_TEST_STEP_ONLY_TOKEN_B"}
                """;
        LoadResult fromProcess = ExperimentLoader.fromYaml(yaml, "env.yaml", ".", PlanLimits.none());
        assertFalse(fromProcess.ok());
        assertTrue(fromProcess.describeErrors().contains("CHAOS_TEST_STEP_ONLY_TOKEN_A is not set"), fromProcess::describeErrors);

        PlanLimits stepEnvironment = PlanLimits.none().withVariableNames(List.of("CHAOS_TEST_STEP_ONLY_TOKEN_A",
                "CHAOS_TEST_STEP_ONLY_TOKEN_B"));
        LoadResult fromStep = ExperimentLoader.fromYaml(yaml, "env.yaml", ".", stepEnvironment);
        assertTrue(fromStep.ok(), fromStep::describeErrors);

        LoadResult oneMissing = ExperimentLoader.fromYaml(yaml, "env.yaml", ".",
                PlanLimits.none().withVariableNames(List.of("CHAOS_TEST_STEP_ONLY_TOKEN_A")));
        assertEquals(1, oneMissing.errors().size(), oneMissing::describeErrors);
        assertTrue(oneMissing.describeErrors().contains("tenants[1].token"), oneMissing::describeErrors);
    }
}

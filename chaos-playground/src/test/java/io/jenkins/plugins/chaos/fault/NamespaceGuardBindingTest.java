package io.jenkins.plugins.chaos.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Jenkins administrator's allowed namespaces are a ceiling: a namespace outside them is refused even when its
 * own chaos-mesh.org/inject=enabled annotation would admit it (the playground's tenant namespaces carry it).
 */
class NamespaceGuardBindingTest {

    private static final String HITS_BOB = """
            name: hits bob
            environment: staging
            faults:
              - name: bob-down
                kind: PodChaos
                action: pod-failure
                duration: 30s
                mode: all
                selector: {namespaces: [tenant-bob]}
            """;

    private PlaygroundCluster cluster;

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ZERO, true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ExperimentPlan plan(PlanLimits limits) {
        LoadResult loaded = ExperimentLoader.fromYaml(HITS_BOB, "bob.yaml", ".", limits);
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    @Test
    void theAnnotationDoesNotWidenAnAdministratorsList() {
        ExperimentPlan bounded = plan(PlanLimits.administrator(null, List.of("tenant-alice")));
        List<ValidationError> errors = NamespaceGuard.check(cluster.client(), bounded.faults(), bounded.allowedNamespaces(),
                bounded.allowListBinding());
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("faults[0]: namespace 'tenant-bob' is outside the administrator's allowed namespaces [tenant-alice]"
                + " (global configuration); its own annotation does not widen that list", errors.get(0).toString());

        ExperimentPlan cli = plan(new PlanLimits(null, List.of("tenant-alice")));
        assertEquals(List.of(), NamespaceGuard.check(cluster.client(), cli.faults(), cli.allowedNamespaces(),
                cli.allowListBinding()), "outside Jenkins the namespace owner's annotation still counts");
    }
}

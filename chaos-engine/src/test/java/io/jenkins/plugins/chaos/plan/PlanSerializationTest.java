package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin plans on the agent that holds the workspace and sends the plan to the controller and back, over remoting's
 * Java serialization. The controller's {@code jenkins.security.ClassFilterImpl} refuses third-party library classes
 * (fabric8's model among them) and JDK serial proxies outside its whitelist (such as {@code EnumSet}'s): the plan's
 * stream must carry neither, and must come back as the same plan.
 */
class PlanSerializationTest {

    @TempDir
    Path dir;

    @Test
    void aPlanTravelsWithoutFabric8ClassesOrEnumSetsAndComesBackTheSame() throws Exception {
        Files.writeString(dir.resolve("kill.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: kill-one, namespace: inference}
                spec: {action: pod-kill, mode: one, selector: {namespaces: [inference]}}
                """);
        LoadResult loaded = ExperimentLoader.fromYaml("""
                name: travelling plan
                abortOn: critical
                faults:
                  - {name: outage, kind: PodChaos, action: pod-failure, duration: 2m, mode: all,
                     selector: {namespaces: [inference], labelSelectors: {app: provider}}}
                  - manifest: kill.yaml
                probes:
                  tenantIsolation:
                    phases: [before, during]
                    network: true
                    rbac: false
                    tenants: [{name: a, namespace: tenant-a}, {name: b, namespace: tenant-b}]
                """, "plan.yaml", dir.toString(), new PlanLimits(null, List.of("inference")));
        assertTrue(loaded.ok(), loaded::describeErrors);
        ExperimentPlan plan = loaded.plan().forRun("r1");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plan);
        }
        List<String> classes = new ArrayList<>();
        ExperimentPlan back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                classes.add(desc.getName());
                return super.resolveClass(desc);
            }
        }) {
            back = (ExperimentPlan) in.readObject();
        }

        assertTrue(classes.stream().noneMatch(c -> c.startsWith("io.fabric8.")), classes::toString);
        assertTrue(classes.stream().noneMatch(c -> c.startsWith("java.util.EnumSet")), classes::toString);
        assertEquals(plan.faults().stream().map(PlannedFault::describe).toList(),
                back.faults().stream().map(PlannedFault::describe).toList());
        assertEquals(plan.faults().get(0).resource(), back.faults().get(0).resource());
        assertEquals(plan.hold(false), back.hold(false));
        assertEquals(plan.isolationPhases(), back.isolationPhases());
        assertEquals(plan.allowedNamespaces(), back.allowedNamespaces());
        assertEquals(plan.abortOn(), back.abortOn());
        assertEquals("r1", back.runId());
    }
}

package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's arguments over the experiment file it names: the step wins key by key, the file must be a map. */
class StepArgumentsOverFileTest {

    private static final String FILE = """
            name: from the file
            environment: staging
            probes:
              providerFailover: {gateway: "http://127.0.0.1:9", tenant: alice, token: t}
            """;

    @Test
    void stepArgumentsOverrideTheFilesKeys() {
        LoadResult loaded = ExperimentLoader.fromStepArguments(Map.of("environment", "prod-eu"), FILE, "chaos.yaml",
                ".", PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        assertEquals("from the file", loaded.plan().name());
        assertEquals("prod-eu", loaded.plan().environment());
    }

    @Test
    void withoutAFileTheArgumentsAreTheExperiment() {
        LoadResult loaded = ExperimentLoader.fromStepArguments(Map.of("name", "step only", "probes",
                Map.of("providerFailover", Map.of("gateway", "http://127.0.0.1:9", "tenant", "a", "token", "t"))),
                null, "step", ".", PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        assertEquals("step only", loaded.plan().name());
    }

    @Test
    void aFileThatIsNotAMapIsAnErrorNamingIt() {
        LoadResult loaded = ExperimentLoader.fromStepArguments(Map.of(), "- just\n- a list\n", "chaos.yaml", ".",
                PlanLimits.none());
        assertFalse(loaded.ok());
        assertEquals("experiment", loaded.errors().get(0).field());
        assertTrue(loaded.errors().get(0).message().startsWith("chaos.yaml is not a YAML map"), loaded::describeErrors);
    }
}

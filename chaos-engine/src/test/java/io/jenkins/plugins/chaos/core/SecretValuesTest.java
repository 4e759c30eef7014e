package io.jenkins.plugins.chaos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code env:} references resolve against the variables the caller gives (a Jenkins step's EnvVars), not this JVM's. */
class SecretValuesTest {

    @Test
    void theStepsVariablesAreUsedNotTheProcessEnvironment() {
        // PATH is set in this JVM's environment; the step's own variables do not have it
        RunOptions step = RunOptions.defaults().withVariables(Map.of("ALICE_TOKEN", "alice-secret"));
        assertEquals("alice-secret", SecretValues.resolve("env:ALICE_TOKEN", "tenants[0].token", step.variables()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SecretValues.resolve("env:PATH", "tenants[0].token", step.variables()));
        assertEquals("tenants[0].token: environment variable PATH is not set", missing.getMessage());
    }

    @Test
    void withoutVariablesTheProcessEnvironmentIsUsedAsTheCliExpects() {
        assertEquals(System.getenv("PATH"), SecretValues.resolve("env:PATH", "token", RunOptions.defaults().variables()));
        assertEquals("literal", SecretValues.resolve("literal", "token", RunOptions.defaults().variables()));
    }
}

package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.PairsSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxRequestsPerSecond and pairs: errors that name the field and the allowed range, before anything runs. */
class ScaleKeysValidationTest {
    /** The tokens' variables, as a Jenkins step's environment would have them (names only). */
    private static final PlanLimits STEP_ENVIRONMENT = PlanLimits.none().withVariableNames(List.of("ALICE", "BOB"));


    private static final String HEAD = """
            name: scale keys
            probes:
              tenantIsolation:
                gateway: https://gateway.staging.example
                network: false
                rbac: false
                tenants:
                  - {name: alice, token: env:ALICE}
                  - {name: bob, token: env:BOB}
            """;

    private static List<ValidationError> errors(String yaml) {
        return ExperimentLoader.fromYaml(yaml, "scale.yaml", ".", STEP_ENVIRONMENT).errors();
    }

    private static String field(List<ValidationError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(ValidationError::message).findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + errors));
    }

    @Test
    void aRateCapOutOfRangeIsRefusedWithTheAllowedRange() {
        List<ValidationError> errors = errors(HEAD + "    maxRequestsPerSecond: -5\n"
                + "  providerFailover: {gateway: https://gateway.staging.example, tenant: alice, token: env:ALICE,"
                + " requestsPerSecond: 50, maxRequestsPerSecond: 20}\n");
        assertEquals("-5.0 is out of range; allowed: 0 (no cap) or 1 to 100000 requests per second",
                field(errors, "probes.tenantIsolation.maxRequestsPerSecond"));
        assertTrue(field(errors, "probes.providerFailover.requestsPerSecond").contains("above maxRequestsPerSecond 20.0"),
                errors::toString);
    }

    @Test
    void pairsTakeAllOrPerRunAndCoverWithinInRange() {
        List<ValidationError> errors = errors(HEAD + "    pairs: {perRun: 0, coverWithin: forever}\n");
        assertEquals("0 is out of range; allowed: 1 to 10000000 cross-tenant calls per run",
                field(errors, "probes.tenantIsolation.pairs.perRun"));
        assertTrue(field(errors, "probes.tenantIsolation.pairs.coverWithin").startsWith("'forever' is not allowed"),
                errors::toString);
        assertTrue(field(errors("name: x\nprobes:\n  tenantIsolation:\n    pairs: some\n"), "probes.tenantIsolation.pairs")
                .startsWith("must be 'all' or a map {perRun: N, coverWithin: 24h}"));
        assertTrue(field(errors(HEAD + "    pairs: {perRun: 5, every: 1h}\n"), "probes.tenantIsolation.pairs.coverWithin")
                .startsWith("is required"));
    }

    @Test
    void validKeysBindIntoThePlan() {
        LoadResult loaded = ExperimentLoader.fromYaml(HEAD + "    maxRequestsPerSecond: 50\n"
                + "    pairs: {perRun: 2000, coverWithin: 24h}\n", "scale.yaml", ".", STEP_ENVIRONMENT);
        assertTrue(loaded.ok(), loaded::describeErrors);
        assertEquals(new PairsSpec(2000, "24h"), loaded.plan().isolation().pairs());
        assertEquals(50.0, loaded.plan().isolation().maxRequestsPerSecond());
        LoadResult all = ExperimentLoader.fromYaml(HEAD + "    pairs: all\n", "scale.yaml", ".", STEP_ENVIRONMENT);
        assertTrue(all.ok(), all::describeErrors);
        assertTrue(all.plan().isolation().pairs().all());
        assertFalse(errors(HEAD).stream().anyMatch(e -> e.field().contains("pairs")));
    }
}

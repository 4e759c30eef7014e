package io.jenkins.plugins.chaos.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.verdict.BuildOutcome.Effect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildOutcomeTest {

    @ParameterizedTest
    @CsvSource({
        "PASSED,   CRITICAL, NONE",
        "PASSED,   WARNING,  NONE",
        "PASSED,   NEVER,    NONE",
        "WARNING,  CRITICAL, UNSTABLE",
        "WARNING,  WARNING,  FAILURE",
        "WARNING,  NEVER,    UNSTABLE",
        "ERROR,    CRITICAL, FAILURE",
        "ERROR,    WARNING,  FAILURE",
        "ERROR,    NEVER,    UNSTABLE",
        "CRITICAL, CRITICAL, FAILURE",
        "CRITICAL, WARNING,  FAILURE",
        "CRITICAL, NEVER,    UNSTABLE",
    })
    void verdictAndFailOnDecideTheBuild(Verdict verdict, FailOn failOn, Effect expected) {
        assertEquals(expected, BuildOutcome.decide(verdict, failOn, "iso", 1, 1, 1).effect());
    }

    @Test
    void theMessageNamesTheExperimentAndWhatHappened() {
        BuildOutcome outcome = BuildOutcome.decide(Verdict.CRITICAL, FailOn.CRITICAL, "tenant-isolation", 2, 0, 1);
        assertEquals("Chaos experiment 'tenant-isolation': 2 critical breach(es)", outcome.message());
        assertTrue(BuildOutcome.decide(Verdict.ERROR, FailOn.CRITICAL, "x", 0, 3, 0).message().contains("infrastructure error"));
    }

    @Test
    void failOnIsParsedCaseInsensitivelyAndBadValuesNameTheAllowedOnes() {
        assertEquals(FailOn.CRITICAL, FailOn.parse(null));
        assertEquals(FailOn.CRITICAL, FailOn.parse(" "));
        assertEquals(FailOn.WARNING, FailOn.parse("Warning"));
        assertEquals(FailOn.NEVER, FailOn.parse("never"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FailOn.parse("sometimes"));
        assertEquals("failOn: 'sometimes' is not allowed; use one of critical, warning, never", e.getMessage());
    }
}

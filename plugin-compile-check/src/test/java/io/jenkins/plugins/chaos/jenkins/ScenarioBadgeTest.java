package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ScenarioBadgeTest {

    @ParameterizedTest
    @CsvSource({
        "PASSED,   passing,       brightgreen",
        "WARNING,  unstable,      yellow",
        "ERROR,    could not run, lightgrey",
        "CRITICAL, failing,       red",
    })
    void verdictDecidesStatusAndColour(Verdict verdict, String status, String color) {
        ScenarioBadge badge = new ScenarioBadge("tenant-isolation", verdict);
        assertEquals(status, badge.status());
        assertEquals(color, badge.color());
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void everyStatusReadsBackAsItsVerdict(Verdict verdict) {
        assertEquals(Optional.of(verdict), ScenarioBadge.verdictOf(new ScenarioBadge("b", verdict).status()));
    }

    @Test
    void theNameDefaultsToTheExperimentAndAnEmptyArgumentTurnsTheBadgeOff() {
        assertEquals(Optional.of("tenant-isolation"), ScenarioBadge.resolveName(null, "tenant-isolation"));
        assertEquals(Optional.of("isolation-prod"), ScenarioBadge.resolveName("isolation-prod", "tenant-isolation"));
        assertEquals(Optional.of("isolation-prod"), ScenarioBadge.resolveName("  isolation-prod ", "tenant-isolation"));
        assertEquals(Optional.empty(), ScenarioBadge.resolveName("", "tenant-isolation"));
        assertEquals(Optional.empty(), ScenarioBadge.resolveName("   ", "tenant-isolation"));
        assertEquals(Optional.empty(), ScenarioBadge.resolveName(null, null));
    }

    @Test
    void anEarlierWorseRunUnderTheSameNameIsNotTurnedGreen() {
        ScenarioBadge passing = new ScenarioBadge("iso", Verdict.PASSED);
        assertEquals(Verdict.CRITICAL, passing.mergedWith("failing").verdict());
        assertEquals(Verdict.WARNING, passing.mergedWith("unstable").verdict());
        ScenarioBadge failing = new ScenarioBadge("iso", Verdict.CRITICAL);
        assertEquals(Verdict.CRITICAL, failing.mergedWith("passing").verdict());
        // a breach outranks "could not run", as in the verdict itself
        assertEquals(Verdict.CRITICAL, new ScenarioBadge("iso", Verdict.ERROR).mergedWith("failing").verdict());
        // somebody else's status (addEmbeddableBadgeConfiguration) or none: ours replaces it
        assertEquals(Verdict.PASSED, passing.mergedWith("running").verdict());
        assertEquals(Verdict.PASSED, passing.mergedWith(null).verdict());
    }

    @Test
    void theIconUrlEncodesFoldersAndTheBadgeName() {
        ScenarioBadge badge = new ScenarioBadge("tenant isolation", Verdict.PASSED);
        assertEquals("https://ci.example.com/buildStatus/icon?job=sre%2Fchaos&config=tenant+isolation",
                badge.iconUrl("https://ci.example.com/", "sre/chaos"));
        // a multibranch branch name's own %2F is encoded once more, as the plugin's README asks
        assertEquals("/buildStatus/icon?job=gw%2Ffeature%252Fx&config=tenant+isolation",
                badge.iconUrl(null, "gw/feature%2Fx"));
    }

    @Test
    void badBadgeNamesAreRefusedNamingTheField() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> ScenarioBadge.checkArgument("x".repeat(ScenarioBadge.MAX_NAME_LENGTH + 1)));
        assertTrue(tooLong.getMessage().startsWith("badge: at most 100 characters"), tooLong.getMessage());
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> ScenarioBadge.checkArgument("iso\nlation"));
        assertTrue(control.getMessage().startsWith("badge: printable characters only"), control.getMessage());
        assertEquals("", ScenarioBadge.checkArgument(""));
        assertNull(ScenarioBadge.checkArgument(null));
        assertThrows(IllegalArgumentException.class, () -> new ScenarioBadge("iso", null));
    }

    @Test
    void theProbeStepsTakeTheBadgeArgumentAndCheckIt() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        assertNull(step.getBadge(), "not given: the experiment name");
        step.setBadge("");
        assertEquals("", step.getBadge());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> step.setBadge("a\tb"));
        assertTrue(e.getMessage().startsWith("badge:"), e.getMessage());
    }
}

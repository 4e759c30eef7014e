package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunIdsTest {
    private static final String LABEL_VALUE = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    @Test
    void buildIdsBecomeValidLabelValues() {
        assertEquals("jenkins-team-isolation-42-abcd1234", RunIds.forBuild("team/Isolation#42", "abcd1234"));
        String id = RunIds.forBuild("folder with spaces/ÄÖ job#7", "abcd1234");
        assertTrue(id.matches(LABEL_VALUE), id);
    }

    @Test
    void longIdsKeepTheBuildNumberAndFitIn63Characters() {
        String id = RunIds.forBuild("a/".repeat(60) + "very-long-job-name#1234", "abcd1234");
        assertTrue(id.length() <= 63, id + " has " + id.length());
        assertTrue(id.matches(LABEL_VALUE), id);
        assertTrue(id.endsWith("-1234-abcd1234"), id);
    }

    @Test
    void twoCallsInOneBuildGetDifferentIds() {
        assertNotEquals(RunIds.forBuild("job#1"), RunIds.forBuild("job#1"));
        assertTrue(RunIds.forBuild(null).matches(LABEL_VALUE));
    }
}

package io.jenkins.plugins.chaos.alert;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupKeyTest {

    @Test
    void shortKeysAreReadable() {
        assertEquals("chaos:prod-eu:isolation.api.alice->bob GET /x",
                DedupKey.of("prod-eu", "isolation.api.alice->bob GET /x"));
        assertEquals("chaos:default:failover.failover time", DedupKey.of(" ", "failover.failover time"));
    }

    @Test
    void longKeysAreBoundedStableAndStillDistinct() {
        String prefix = "isolation.api.alice->bob GET /v1/tenants/bob/" + "x".repeat(300);
        String a = DedupKey.of("prod", prefix + "/a");
        String b = DedupKey.of("prod", prefix + "/b");
        assertEquals(DedupKey.MAX_LENGTH, a.length());
        assertTrue(a.startsWith("chaos:prod:isolation.api.alice->bob"));
        assertEquals(a, DedupKey.of("prod", prefix + "/a"), "same check, same key on every run");
        assertNotEquals(a, b, "checks sharing a long prefix keep separate incidents");
        assertNotEquals(DedupKey.of("prod", "c"), DedupKey.of("staging", "c"));
    }
}

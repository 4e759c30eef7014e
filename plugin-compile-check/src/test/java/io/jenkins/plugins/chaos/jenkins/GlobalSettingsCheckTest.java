package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The global configuration's checks: a bad value names its field and what is allowed, before anything is saved. */
class GlobalSettingsCheckTest {

    @Test
    void eachFieldSaysWhatIsAllowed() {
        assertEquals(Optional.empty(), GlobalSettingsCheck.maxFaultDuration(" 30m "));
        assertEquals(Optional.empty(), GlobalSettingsCheck.maxFaultDuration(""));
        assertTrue(GlobalSettingsCheck.maxFaultDuration("half an hour").orElseThrow()
                .startsWith("maxFaultDuration: 'half an hour' is not a duration; "));

        assertEquals(Optional.empty(), GlobalSettingsCheck.deadManThresholdMinutes("45"));
        assertEquals("deadManThresholdMinutes: must be a whole number of minutes, at least 1; was '0'",
                GlobalSettingsCheck.deadManThresholdMinutes("0").orElseThrow());
        assertTrue(GlobalSettingsCheck.deadManThresholdMinutes("ten").isPresent());

        assertEquals(Optional.empty(), GlobalSettingsCheck.allowedNamespaces("tenant-a, tenant-b\ninference"));
        assertEquals("allowedNamespaces[1]: 'kube-system' can never be allowed: kube-system, kube-public and"
                + " kube-node-lease are protected", GlobalSettingsCheck.allowedNamespaces("tenant-a kube-system").orElseThrow());
        assertTrue(GlobalSettingsCheck.allowedNamespaces("Tenant_A").orElseThrow().startsWith("allowedNamespaces[0]: 'Tenant_A'"));

        assertEquals(Optional.empty(), GlobalSettingsCheck.pushgatewayUrl("http://pushgateway.monitoring:9091"));
        String withPassword = GlobalSettingsCheck.pushgatewayUrl("https://admin:hunter22@pg:9091").orElseThrow();
        assertFalse(withPassword.contains("hunter22"), "a password in the URL is never quoted back");
        assertTrue(GlobalSettingsCheck.pushgatewayUrl("pushgateway:9091").isPresent());
    }

    @Test
    void theFormsFirstProblemNamesItsField() {
        assertEquals(Optional.empty(), GlobalSettingsCheck.firstProblem("", "30", "", ""));
        String[] problem = GlobalSettingsCheck.firstProblem("30m", "-1", "kube-public", "").orElseThrow();
        assertArrayEquals(new String[] {"deadManThresholdMinutes",
                "deadManThresholdMinutes: must be a whole number of minutes, at least 1; was '-1'"}, problem);
    }
}

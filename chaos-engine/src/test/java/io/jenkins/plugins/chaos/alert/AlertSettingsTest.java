package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertSettingsTest {

    private static final String TOKEN = "hookTokenSecretValue987";

    @Test
    void bindsFromJsonWithDefaultsAndTravelsBetweenJvms() throws Exception {
        AlertSettings settings = new ObjectMapper().readValue("""
                {"slackWebhookUrl": "https://hooks.slack.com/services/T1/B2/%s",
                 "pagerDutyRoutingKey": "rk-0123456789", "environment": "prod-eu",
                 "retry": {"maxAttempts": 3, "initialBackoffMillis": 200, "maxBackoffMillis": 5000,
                           "maxTotalMillis": 30000, "attemptTimeoutMillis": 5000, "maxRetryAfterMillis": 10000}}
                """.formatted(TOKEN), AlertSettings.class);

        assertEquals(AlertSettings.DEFAULT_PAGERDUTY_EVENTS_URL, settings.pagerDutyEventsUrl());
        assertEquals(AlertSettings.DEFAULT_STATE_FILE, settings.stateFile());
        assertEquals(AlertSettings.DEFAULT_MAX_BREACHES_IN_SLACK, settings.maxBreachesInSlack());
        assertEquals(3, settings.retry().maxAttempts());
        assertTrue(settings.slackEnabled() && settings.pagerDutyEnabled());

        AlertSettings back = new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(settings),
                AlertSettings.class);
        assertEquals(settings, back);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(settings, in.readObject());
        }
        assertFalse(settings.toString().contains(TOKEN));
        assertFalse(settings.toString().contains("rk-0123456789"));
        assertEquals("prefix **** suffix", settings.redactor().redact("prefix " + TOKEN + " suffix"));
    }

    @Test
    void badValuesAreNamedWithoutEchoingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlertSettings(
                "hooks.slack.com/services/T1/B2/" + TOKEN, null, null, "ftp://events", null, null, null, null, 99,
                null));
        assertTrue(e.getMessage().contains("slackWebhookUrl must be an absolute http or https URL"), e.getMessage());
        assertTrue(e.getMessage().contains("pagerDutyEventsUrl must be an absolute http or https URL"));
        assertTrue(e.getMessage().contains("maxBreachesInSlack is 99, allowed values are 1..50"));
        assertFalse(e.getMessage().contains(TOKEN));
    }
}

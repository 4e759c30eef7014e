package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * The global configuration's values, checked field by field: for the form's inline validation ({@code doCheck...})
 * and once more before a save, so that a bad value is an error next to its field instead of a System page that
 * fails to save. Each problem names the field and what is allowed.
 */
final class GlobalSettingsCheck {
    private GlobalSettingsCheck() {
    }

    static Optional<String> maxFaultDuration(String value) {
        if (value == null || value.isBlank() || GoDuration.parse(value.trim()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("maxFaultDuration: '" + value.trim() + "' is not a duration; " + GoDuration.ALLOWED);
    }

    static Optional<String> deadManThresholdMinutes(String value) {
        String text = value == null ? "" : value.trim();
        try {
            if (Integer.parseInt(text) >= 1) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Optional.of("deadManThresholdMinutes: must be a whole number of minutes, at least 1; was '" + text + "'");
    }

    static Optional<String> allowedNamespaces(String value) {
        List<ValidationError> problems = PlanLimits.namespaceProblems(ChaosGlobalConfiguration.splitNamespaces(value),
                "allowedNamespaces");
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0).toString());
    }

    static Optional<String> pushgatewayUrl(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        // the value is not quoted: a URL with user info carries a password
        return Optional.of("pushgatewayUrl: must be an http:// or https:// URL with a host and without user:password,"
                + " such as http://pushgateway.monitoring:9091");
    }

    /** The first problem of a whole form, with the field it belongs to. */
    static Optional<String[]> firstProblem(String maxFaultDuration, String deadManThresholdMinutes,
                                           String allowedNamespaces, String pushgatewayUrl) {
        String[][] checks = {
                {"maxFaultDuration", maxFaultDuration(maxFaultDuration).orElse(null)},
                {"deadManThresholdMinutes", deadManThresholdMinutes(deadManThresholdMinutes).orElse(null)},
                {"allowedNamespaces", allowedNamespaces(allowedNamespaces).orElse(null)},
                {"pushgatewayUrl", pushgatewayUrl(pushgatewayUrl).orElse(null)},
        };
        for (String[] check : checks) {
            if (check[1] != null) {
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }
}

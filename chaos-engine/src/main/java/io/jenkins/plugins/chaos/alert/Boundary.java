package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an incident is about: one boundary that must hold (source tenant -> target tenant and endpoint; a provider's
 * failover property), whatever phase or run saw it break. The same boundary broken in {@code before} and
 * {@code during} is one incident with two observations, never two pages.
 *
 * @param probe the probe family that watches it ({@code isolation.api}, {@code failover})
 * @param name  the check's name without its phase suffix ({@code alice->bob GET /v1/tenants/bob/files})
 */
public record Boundary(String probe, String name) implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The suffix {@code RunSession} gives a check that runs in several phases. */
    private static final Pattern PHASE_SUFFIX = Pattern.compile("\\s\\[(before|during|after)]$");
    /** {@code alice->bob GET /v1/tenants/bob/files}: the API layer's check names. */
    private static final Pattern API_CHECK = Pattern.compile(
            "^([^\\s>-]+)\\s*->\\s*([^\\s]+)\\s+([A-Z]+)\\s+(\\S+)");
    /** {@code carol -> alice:8080} and {@code ns/pod -> ns:port}: the network layer's. */
    private static final Pattern FLOW_CHECK = Pattern.compile("^([^\\s]+)\\s*->\\s*([^\\s]+)$");

    public static Boundary of(CheckResult check) {
        return new Boundary(check.probe(), PHASE_SUFFIX.matcher(check.name()).replaceFirst(""));
    }

    /** Stable across phases and runs: the dedup key and the state file build on it. */
    public String id() {
        return probe + "." + name;
    }

    /**
     * One line that says what broke, for Slack's {@code text} and the PagerDuty summary:
     * {@code Tenant isolation breach: alice can read bob's files (GET /v1/tenants/bob/files)}.
     */
    public String headline(String summary) {
        if (ProbeIds.isIsolation(probe)) {
            Matcher api = API_CHECK.matcher(name);
            if (api.find()) {
                String what = lastSegment(api.group(4));
                String verb = api.group(3).equals("GET") || api.group(3).equals("HEAD") ? "can read" : "can change";
                return "Tenant isolation breach: " + api.group(1) + " " + verb + " " + api.group(2) + "'s " + what
                        + " (" + api.group(3) + " " + api.group(4) + ")";
            }
            Matcher flow = FLOW_CHECK.matcher(name);
            if (flow.find()) {
                return "Tenant isolation breach: " + flow.group(1) + " can connect to " + flow.group(2);
            }
            return "Tenant isolation breach: " + name + (summary.isBlank() ? "" : " (" + summary + ")");
        }
        if (ProbeIds.isFailover(probe)) {
            return "Provider failover failed: " + name + (summary.isBlank() ? "" : " (" + summary + ")");
        }
        return probe + " " + name + (summary.isBlank() ? "" : ": " + summary);
    }

    /** The kind of test, as the runbook names it: {@code tenant-isolation}, {@code provider-failover}. */
    public String test() {
        if (ProbeIds.isIsolation(probe)) {
            return "tenant-isolation";
        }
        if (ProbeIds.isFailover(probe)) {
            return "provider-failover";
        }
        return probe.toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String path) {
        String clean = path.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        String last = clean.substring(clean.lastIndexOf('/') + 1);
        return last.isBlank() ? "resources" : last;
    }
}

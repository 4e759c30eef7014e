package io.jenkins.plugins.chaos.probe.failover;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.core.Json;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Sorts a reply into primary, secondary, graceful error or ungraceful, as the runbook defines them. */
public final class ResponseClassifier {

    /** Java, Python, Go and Node traces: what must never reach a user of the gateway. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(\\n\\s*at [\\w$.]+\\(|\\tat [\\w$.]+|Traceback \\(most recent call last\\)|goroutine \\d+ \\[|Exception in thread)");

    private final String primary;
    private final String providerField;
    private final Set<Integer> gracefulStatuses;

    public ResponseClassifier(String primary, String providerField, Set<Integer> gracefulStatuses) {
        this.primary = primary;
        this.providerField = providerField;
        this.gracefulStatuses = Set.copyOf(gracefulStatuses);
    }

    public static ResponseClassifier of(FailoverConfig config) {
        return new ResponseClassifier(config.primary(), config.providerField(), Set.copyOf(config.gracefulStatuses()));
    }

    public Classification classify(HttpReply reply) {
        if (!reply.answered()) {
            return new Classification(ResponseClass.UNGRACEFUL, reply.timedOut() ? "timeout" : "connection error");
        }
        String body = reply.body() == null ? "" : reply.body();
        if (STACK_TRACE.matcher(body).find()) {
            return new Classification(ResponseClass.UNGRACEFUL, "status " + reply.status() + ", stack trace in body");
        }
        Optional<JsonNode> json = Json.object(body);
        int status = reply.status();
        if (status >= 200 && status < 300) {
            String provider = reply.headerValue();
            if (provider == null) {
                provider = json.map(n -> n.path(providerField)).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
            }
            // Whatever served the request if not the primary is the fallback path, named or not.
            return new Classification(primary.equals(provider) ? ResponseClass.PRIMARY : ResponseClass.SECONDARY, null);
        }
        if (gracefulStatuses.contains(status)) {
            if (json.isPresent() && json.get().has("error")) {
                return new Classification(ResponseClass.GRACEFUL_ERROR, "status " + status);
            }
            return new Classification(ResponseClass.UNGRACEFUL, "status " + status + ", "
                    + (looksLikeHtml(reply, body) ? "HTML body" : "no JSON error body"));
        }
        return new Classification(ResponseClass.UNGRACEFUL, "status " + status
                + (looksLikeHtml(reply, body) ? ", HTML body" : ""));
    }

    private static boolean looksLikeHtml(HttpReply reply, String body) {
        String type = reply.contentType() == null ? "" : reply.contentType();
        String start = body.stripLeading();
        return type.contains("html") || start.regionMatches(true, 0, "<html", 0, 5)
                || start.regionMatches(true, 0, "<!doctype", 0, 9);
    }
}

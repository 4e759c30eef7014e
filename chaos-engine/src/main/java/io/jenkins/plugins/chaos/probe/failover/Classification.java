package io.jenkins.plugins.chaos.probe.failover;

/**
 * The class of one response and, for errors, a short reason that groups similar ones ({@code timeout},
 * {@code status 502, HTML body}) for the evidence.
 */
public record Classification(ResponseClass responseClass, String reason) {
}

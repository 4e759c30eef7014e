package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one probe pod showed, before any verdict: only {@link Kind#CONNECTED} and {@link Kind#NOT_CONNECTED} are
 * observations of the network; every other kind means the attempt itself did not happen as planned.
 *
 * @param pod      {@code namespace/name} of the probe pod
 * @param detail   one line for the summary, e.g. {@code nc exited 1} or {@code image pull failed: ErrImagePull}
 * @param evidence pod, command, target, phase, messages
 */
public record ProbeOutcome(Kind kind, String pod, String detail, List<String> evidence, Instant startedAt,
                           long durationMillis) implements Serializable {

    public enum Kind {
        /** nc exited 0: the TCP handshake completed. */
        CONNECTED,
        /** nc exited 1 without a usage or name error: refused or timed out. */
        NOT_CONNECTED,
        /** The service name did not resolve, so no connection was tried. */
        NAME_NOT_RESOLVED,
        /** The pod failed for a reason other than nc's verdict (killed, nc missing, evicted). */
        POD_FAILED,
        /** The container can never start (image pull, invalid image, config error). */
        CANNOT_START,
        /** The pod did not end within the pod timeout. */
        TIMED_OUT,
        /** Someone else deleted the pod before it ended. */
        VANISHED,
        /** The API server refused or failed a request (creation forbidden by quota or policy, for instance). */
        API_ERROR,
        /** The probe was stopped before this attempt ended. */
        INTERRUPTED
    }

    public ProbeOutcome {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public ProbeOutcome withEvidence(String line) {
        List<String> more = new ArrayList<>(evidence);
        more.add(line);
        return new ProbeOutcome(kind, pod, detail, more, startedAt, durationMillis);
    }

    public boolean observed() {
        return kind == Kind.CONNECTED || kind == Kind.NOT_CONNECTED;
    }
}

package io.jenkins.plugins.chaos.probe.http;

import java.util.Optional;

/**
 * What came back for one request: a status and body, or the transport error that stood in for them.
 *
 * @param status       HTTP status, or 0 when no response arrived
 * @param headerValue  the one response header the caller asked for (e.g. the provider header), or null
 * @param contentType  the response's Content-Type, or null
 * @param body         response body (may be empty), or null when no response arrived
 * @param error        why no response arrived (timeout, reset, refused), or null
 * @param timedOut     whether the error was the request timeout
 * @param latencyNanos time from sending to the end of the response or the error
 */
public record HttpReply(int status, String headerValue, String contentType, String body, String error,
                        boolean timedOut, long latencyNanos) {

    public static HttpReply failed(String error, boolean timedOut, long latencyNanos) {
        return new HttpReply(0, null, null, null, error, timedOut, latencyNanos);
    }

    /** The request got no complete answer within its timeout. */
    public static HttpReply timedOut(long latencyNanos) {
        return failed("HttpTimeoutException: request timed out", true, latencyNanos);
    }

    /** The connection could not be set up within the timeout: a connection error, not a slow answer. */
    public static HttpReply connectTimedOut(long latencyNanos) {
        return failed("SocketTimeoutException: Connect timed out", false, latencyNanos);
    }

    public boolean answered() {
        return error == null;
    }

    public boolean successful() {
        return answered() && status >= 200 && status < 300;
    }

    public Optional<String> header() {
        return Optional.ofNullable(headerValue);
    }
}

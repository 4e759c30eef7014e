package io.jenkins.plugins.chaos.probe.failover;

/** What one response of the failover stream was, from the user's point of view. */
public enum ResponseClass {
    /** 2xx served by the primary provider. */
    PRIMARY,
    /** 2xx served by any provider other than the primary: the gateway failed over. */
    SECONDARY,
    /** An allowed error status (429, 502, 503, 504 by default) with a JSON error body: a client can handle it. */
    GRACEFUL_ERROR,
    /** Anything else: other statuses, HTML or stack traces, resets, refused connections, timeouts. */
    UNGRACEFUL
}

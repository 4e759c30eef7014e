package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.probe.http.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The failover probe's request over HTTP, bounded in flight and in time. */
public final class HttpFailoverTransport implements FailoverTransport {

    private final BoundedHttpClient http;
    private final URI target;
    private final String method;
    private final String body;
    private final Map<String, String> headers;

    public HttpFailoverTransport(FailoverConfig config) {
        double cap = config.effectiveMaxRequestsPerSecond();
        // The cap is a token bucket over the stream's connections: the pacing aims at the rate, the bucket holds it.
        this.http = new BoundedHttpClient(config.maxInFlight(), config.timeoutValue(), config.providerHeader(),
                cap > 0 ? RateLimiter.perSecond(cap) : RateLimiter.unlimited());
        this.target = config.target();
        this.method = config.request().method();
        this.body = config.request().body();
        this.headers = config.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + config.token());
    }

    @Override
    public CompletableFuture<HttpReply> send() throws InterruptedException {
        return http.send(target, method, body, headers);
    }

    @Override
    public boolean drain(Duration deadline) throws InterruptedException {
        return http.drain(deadline);
    }

    @Override
    public void close() {
        http.close();
    }
}

package io.jenkins.plugins.chaos.playground.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's route to each tenant's own backend (models, files, usage live in the tenant's namespace). A
 * NetworkChaos partition between the gateway and a tenant's namespace cuts it: a healthy gateway answers that
 * tenant a graceful 503 at once and serves everyone else. The SHARED_POOL gateway sends every tenant through one
 * small connection pool and waits out the connect timeout on a cut route, so the isolated tenants exhaust the pool
 * and the others are refused too: the blast radius the half-partition game day must catch.
 */
final class TenantBackends {

    static final int SHARED_POOL_SIZE = 2;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration POOL_WAIT = Duration.ofMillis(200);

    private final GatewayFaults faults;
    private final boolean sharedPool;
    private final Semaphore pool = new Semaphore(SHARED_POOL_SIZE);

    TenantBackends(GatewayFaults faults, boolean sharedPool) {
        this.faults = faults;
        this.sharedPool = sharedPool;
    }

    static String namespaceOf(String tenant) {
        return "tenant-" + tenant;
    }

    /** @return true when the request was answered here (the backend is out of reach), false to serve it */
    boolean refused(HttpExchange exchange, String tenant) throws IOException {
        // A partition in either direction breaks the call: the request or its answer is dropped.
        boolean cut = faults.partitioned(PlaygroundGateway.GATEWAY_NAMESPACE, namespaceOf(tenant))
                || faults.partitioned(namespaceOf(tenant), PlaygroundGateway.GATEWAY_NAMESPACE);
        if (!sharedPool) {
            if (cut) {
                exchange.getResponseHeaders().set("Retry-After", "5");
                Responses.error(exchange, 503, "tenant_backend_unreachable",
                        "the service for tenant " + tenant + " is degraded: its backend is unreachable; retry later");
            }
            return cut;
        }
        try {
            if (!pool.tryAcquire(POOL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                Responses.error(exchange, 503, "backend_pool_exhausted", "no backend connection is free; retry later");
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.error(exchange, 503, "interrupted", "the gateway is shutting down");
            return true;
        }
        try {
            if (cut) {
                Thread.sleep(CONNECT_TIMEOUT.toMillis());
                Responses.error(exchange, 504, "tenant_backend_timeout", "the backend of tenant " + tenant + " did not answer");
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.error(exchange, 503, "interrupted", "the gateway is shutting down");
            return true;
        } finally {
            pool.release();
        }
    }
}

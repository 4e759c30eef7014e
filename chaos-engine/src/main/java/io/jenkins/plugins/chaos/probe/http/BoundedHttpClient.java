package io.jenkins.plugins.chaos.probe.http;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The probes' HTTP client: asynchronous sends with at most {@code maxInFlight} requests outstanding and a timeout
 * on every request, so that a hanging gateway slows a probe down instead of piling up connections. Never throws for
 * a failed request: refused connections, resets and timeouts come back as {@link HttpReply#failed}.
 */
public final class BoundedHttpClient implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int capacity;
    private final Semaphore slots;
    private final Duration timeout;
    private final String headerName;
    private final RateLimiter rate;
    private final ExecutorService executor;
    private final ThreadPoolExecutor senders;
    private final HttpClient client;
    private final DeadlineWatchdog watchdog;
    private final ThreadLocal<Map<String, Http1Connection>> connections = ThreadLocal.withInitial(HashMap::new);

    /**
     * @param maxInFlight requests outstanding at once
     * @param timeout     per request, connect included
     * @param headerName  a response header to hand back in {@link HttpReply#headerValue()}, or null
     */
    public BoundedHttpClient(int maxInFlight, Duration timeout, String headerName) {
        this(maxInFlight, timeout, headerName, RateLimiter.unlimited());
    }

    /**
     * @param maxInFlight requests outstanding at once
     * @param timeout     per request, connect included
     * @param headerName  a response header to hand back in {@link HttpReply#headerValue()}, or null
     * @param rate        the cap on requests started per second, shared by every connection of this client
     */
    public BoundedHttpClient(int maxInFlight, Duration timeout, String headerName, RateLimiter rate) {
        this.rate = rate == null ? RateLimiter.unlimited() : rate;
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("concurrency: " + maxInFlight + " must be at least 1");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " must be positive");
        }
        this.capacity = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.timeout = timeout;
        this.headerName = headerName;
        int pool = POOLS.incrementAndGet();
        // A few threads suffice for the client's own housekeeping; the exchanges run on the senders below.
        this.executor = Executors.newFixedThreadPool(Math.max(2, Math.min(8, maxInFlight)), DaemonThreads.named("chaos-http-" + pool));
        // One sender per slot, so that a request never waits for a thread once it has a slot. Threads are made only
        // when that many requests are really outstanding and die when idle: a paced probe keeps one or two. Blocking
        // sends, because on JDK 17 the client's sendAsync path was 4-5x slower for small loopback replies (about
        // 1,000-1,700 against 6,000-9,000 requests/s with 16 in flight; see bench/README.md).
        this.senders = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("chaos-http-" + pool + "-send"));
        this.senders.allowCoreThreadTimeOut(true);
        this.watchdog = new DeadlineWatchdog("chaos-http-" + pool + "-deadlines", timeout);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Sends once a slot is free (blocking the caller until then, which is what bounds the load), and completes
     * with the reply; the future never completes exceptionally.
     */
    public CompletableFuture<HttpReply> send(URI uri, String method, String body, Map<String, String> headers)
            throws InterruptedException {
        slots.acquire();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return call(uri, method, body, headers);
                } finally {
                    slots.release();
                }
            }, senders);
        } catch (RuntimeException e) {
            slots.release();
            return CompletableFuture.completedFuture(HttpReply.failed(describe(e), false, 0));
        }
    }

    /**
     * Sends on the calling thread and returns the reply; never throws. For callers that bound their own concurrency
     * with a fixed set of worker threads, which saves the hand-over to a sender thread on every request.
     */
    public HttpReply call(URI uri, String method, String body, Map<String, String> headers) {
        try {
            rate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.failed("interrupted", false, 0);
        }
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            return exchangePlain(uri, method, body, headers);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(builder::header);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, publisher);
        return exchange(builder.build());
    }

    /**
     * Plain http goes over our own keep-alive HTTP/1.1 connections, one per sender thread: the JDK client does all
     * its I/O on a single selector thread and costs several times the CPU per request, which on a small machine
     * shared with the gateway capped the isolation matrix far below the gateway's own ceiling (bench/README.md).
     * https keeps the JDK client and its TLS.
     */
    private HttpReply exchangePlain(URI uri, String method, String body, Map<String, String> headers) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String key = uri.getHost() + ":" + uri.getPort();
        Map<String, Http1Connection> mine = connections.get();
        for (int attempt = 0; ; attempt++) {
            Http1Connection connection = mine.get(key);
            if (connection == null || !connection.reusable()) {
                forget(mine, key, connection);
                try {
                    connection = new Http1Connection(uri, headerName);
                    watchdog.watch(connection);
                    connection.connect(deadline);
                } catch (IOException e) {
                    forget(mine, key, connection);
                    // A connect timeout is a connection error, as the JDK client reports it, not a slow answer.
                    return HttpReply.failed(describe(e), false, System.nanoTime() - started);
                }
                mine.put(key, connection);
            }
            try {
                ResponseParser.Parsed parsed = connection.exchange(uri, method, body, headers, deadline);
                if (!connection.reusable()) {
                    forget(mine, key, connection);
                }
                return parsed.reply(System.nanoTime() - started);
            } catch (Http1Connection.StaleConnectionException e) {
                forget(mine, key, connection);
                if (attempt > 0) {
                    return HttpReply.failed(describe(e.getCause()), false, System.nanoTime() - started);
                }
            } catch (SocketTimeoutException e) {
                forget(mine, key, connection);
                return HttpReply.timedOut(System.nanoTime() - started);
            } catch (IOException | RuntimeException e) {
                forget(mine, key, connection);
                return HttpReply.failed(describe(e), false, System.nanoTime() - started);
            }
        }
    }

    private void forget(Map<String, Http1Connection> mine, String key, Http1Connection connection) {
        if (connection != null) {
            connection.close();
            watchdog.forget(connection);
        }
        mine.remove(key);
    }

    /** One request through the JDK client (https). */
    private HttpReply exchange(HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            String header = headerName == null ? null : r.headers().firstValue(headerName).orElse(null);
            String contentType = r.headers().firstValue("Content-Type").orElse(null);
            return new HttpReply(r.statusCode(), header, contentType, r.body(), null, false, System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.failed("interrupted", false, System.nanoTime() - started);
        } catch (IOException | RuntimeException e) {
            boolean timedOut = e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException);
            return HttpReply.failed(describe(e), timedOut, System.nanoTime() - started);
        }
    }

    /** One request of a batch. */
    public record Request(URI uri, String method, String body, Map<String, String> headers) {
    }

    /** Receives the replies of a batch. */
    @FunctionalInterface
    public interface ReplySink {
        void accept(int index, HttpReply reply);
    }

    /**
     * Sends requests 0 to {@code count - 1}, at most {@code maxInFlight} at once, each with the timeout, and hands
     * every reply to {@code sink} as it completes; returns when all are handed over. All requests go to the scheme,
     * host and port of {@code base}. For plain http the batch runs on the calling thread through one selector
     * ({@link SelectorBatch}), for https on {@code maxInFlight} threads of the JDK client, so the sink must be
     * thread-safe. Requests of a batch are not counted by {@link #inFlight()}.
     *
     * @throws IllegalArgumentException when a request is not for {@code base}'s host and port
     */
    public void callAll(URI base, int count, IntFunction<Request> requests, ReplySink sink) throws InterruptedException {
        if (count <= 0) {
            return;
        }
        if ("http".equalsIgnoreCase(base.getScheme())) {
            try {
                new SelectorBatch(base, timeout, headerName, rate).run(count, capacity, requests, sink);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open a selector for " + count + " requests", e);
            }
            return;
        }
        callAllOnThreads(base, count, requests, sink);
    }

    /** {@code uri}, when it has {@code base}'s scheme, host and port. */
    static URI requireOrigin(URI base, int index, URI uri) {
        if (!base.getScheme().equalsIgnoreCase(uri.getScheme()) || !base.getHost().equalsIgnoreCase(uri.getHost())
                || effectivePort(uri) != effectivePort(base)) {
            throw new IllegalArgumentException("request " + index + " is for " + uri.getScheme() + "://"
                    + uri.getRawAuthority() + ", not for the batch's " + base.getScheme() + "://" + base.getRawAuthority());
        }
        return uri;
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A fixed set of workers pulls requests off the batch and sends each on its own thread: no hand-over. */
    private void callAllOnThreads(URI base, int count, IntFunction<Request> requests, ReplySink sink) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(capacity, count),
                DaemonThreads.named("chaos-http-batch-" + POOLS.incrementAndGet()));
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int w = 0; w < Math.min(capacity, count); w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && !Thread.currentThread().isInterrupted();
                         i = next.getAndIncrement()) {
                        Request r = requests.apply(i);
                        sink.accept(i, call(requireOrigin(base, i, r.uri()), r.method(), r.body(), r.headers()));
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("batch worker failed: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    /** Requests outstanding right now. */
    public int inFlight() {
        return capacity - slots.availablePermits();
    }

    /** Waits until every request sent has completed or the deadline passed; true when all completed. */
    public boolean drain(Duration deadline) throws InterruptedException {
        if (slots.tryAcquire(capacity, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(capacity);
            return true;
        }
        return false;
    }

    static String describe(Throwable error) {
        String kind = error instanceof IOException || error instanceof RuntimeException
                ? error.getClass().getSimpleName() : error.getClass().getName();
        return error.getMessage() == null ? kind : kind + ": " + error.getMessage();
    }

    @Override
    public void close() {
        watchdog.close();
        senders.shutdownNow();
        executor.shutdownNow();
    }
}

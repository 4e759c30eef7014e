package io.jenkins.plugins.chaos.bench;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.api.ApiIsolationProbe;
import io.jenkins.plugins.chaos.probe.http.Excerpt;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The isolation matrix of {@link ApiIsolationProbe}, sent through OkHttp instead of the engine's own
 * {@code probe.http} client, for {@code chaos bench isolation --client okhttp} only: the engine does not use it.
 *
 * <p>Same calls in the same order (caller x owner per endpoint, endpoints in order), the same URLs, methods, bodies
 * and bearer tokens, the same number in flight (the Dispatcher's maxRequests and maxRequestsPerHost, or as many
 * threads of our own sending blocking calls; a connection pool of that many kept-alive connections), the same
 * per-request deadline (OkHttp's call timeout, connect included; like ours, no separate per-read timeout), no
 * redirects followed. Each reply is kept and judged as the
 * probe keeps and judges it: the status, a redacted body excerpt, the checks with their evidence. OkHttp adds its
 * own {@code Connection: Keep-Alive}, {@code Accept-Encoding: gzip} and {@code User-Agent} headers to every request,
 * as any user of it gets.
 */
public final class OkHttpIsolationMatrix {

    public static final String PROBE = ApiIsolationProbe.PROBE;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** How the calls reach OkHttp. */
    public enum Mode {
        /** {@code enqueue()}: the Dispatcher runs {@code concurrency} calls at once on its threads, as OkHttp users do. */
        DISPATCHER,
        /** {@code execute()} on {@code concurrency} threads of our own, each taking the next call. */
        BLOCKING;

        /** The name {@code chaos bench isolation --client} knows it by. */
        public String label() {
            return this == DISPATCHER ? "okhttp" : "okhttp-blocking";
        }
    }

    private final Mode mode;
    private final ApiIsolationConfig config;
    private final RunListener listener;
    private final LongConsumer latencyNanos;
    private final SecretRedactor redactor;
    private final String base;

    /**
     * @param mode         through the Dispatcher (OkHttp's asynchronous API) or blocking calls on threads of our own
     * @param latencyNanos receives every call's latency (from the moment OkHttp starts it, past any wait in the
     *                     Dispatcher's queue, to the end of the body) from the sending threads, so it must be
     *                     thread-safe
     * @throws IllegalArgumentException listing every configuration problem, by field
     */
    public OkHttpIsolationMatrix(Mode mode, ApiIsolationConfig config, RunListener listener, LongConsumer latencyNanos) {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid isolation.api configuration: " + String.join("; ", errors));
        }
        this.mode = mode;
        this.config = config;
        this.listener = listener;
        this.latencyNanos = latencyNanos;
        this.redactor = new SecretRedactor(config.tenants().values());
        String url = config.gatewayUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Runs the whole matrix on a client of its own (as the probe does), then judges it. */
    public List<CheckResult> run() throws InterruptedException {
        List<String> names = List.copyOf(config.tenants().keySet());
        Map<String, Headers> authorization = new HashMap<>();
        names.forEach(name -> authorization.put(name, Headers.of("Authorization", "Bearer " + config.tenants().get(name))));
        List<MatrixCall> calls = new ArrayList<>();
        for (RequestTemplate endpoint : config.endpoints()) {
            Map<String, HttpUrl> resources = new HashMap<>();
            names.forEach(owner -> resources.put(owner, HttpUrl.get(base + endpoint.pathFor(owner))));
            byte[] body = endpoint.body() == null ? null : endpoint.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String caller : names) {
                for (String owner : names) {
                    calls.add(new MatrixCall(caller, owner, endpoint, resources.get(owner), authorization.get(caller), body));
                }
            }
        }
        int total = calls.size();
        int crossTenant = total - names.size() * config.endpoints().size();
        listener.info(PROBE + " (" + mode.label() + "): " + names.size() + " tenants x " + config.endpoints().size()
                + " endpoints: " + crossTenant + " cross-tenant calls and " + (total - crossTenant) + " positive controls against "
                + redactor.redact(base) + " (" + config.concurrency() + " in flight)");

        Observation[] observed = new Observation[total];
        long[] startedNanos = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        Progress progress = new Progress(total);
        OkHttpClient client = client(config.concurrency(), config.timeoutDuration(), startedNanos);
        Completion completion = (i, seen) -> {
            latencyNanos.accept(seen.latencyNanos);
            observed[i] = seen;
            progress.completed();
            done.countDown();
        };
        long sendingSince = System.nanoTime();
        ExecutorService workers = null;
        try {
            if (mode == Mode.BLOCKING) {
                workers = blockingWorkers(client, calls, startedNanos, completion);
            } else {
                for (int i = 0; i < total; i++) {
                    int index = i;
                    client.newCall(request(calls.get(i), i)).enqueue(new Callback() {
                        @Override
                        public void onResponse(Call c, Response response) {
                            Observation seen;
                            try {
                                seen = observe(response, startedNanos[index]);
                            } catch (RuntimeException e) {
                                seen = Observation.failed(e, since(startedNanos[index]), redactor);
                            }
                            completion.completed(index, seen);
                        }

                        @Override
                        public void onFailure(Call c, IOException e) {
                            completion.completed(index, Observation.failed(e, since(startedNanos[index]), redactor));
                        }
                    });
                }
            }
            done.await();
        } catch (InterruptedException e) {
            client.dispatcher().cancelAll();
            throw e;
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        double sendingSeconds = (System.nanoTime() - sendingSince) / 1e9;
        listener.info(String.format(Locale.ROOT, "%s (%s): %d calls answered in %.2f s (%.0f requests/s)", PROBE,
                mode.label(), total, sendingSeconds, total / Math.max(sendingSeconds, 1e-9)));
        List<CheckResult> checks = judge(calls, observed);
        long breaches = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        listener.info(PROBE + " (" + mode.label() + "): " + checks.size() + " checks, " + breaches + " CRITICAL, "
                + errors + " ERROR");
        return checks;
    }

    /**
     * {@code concurrency} threads of our own, each taking the next call of the matrix and sending it with OkHttp's
     * blocking {@code execute()}, as {@code BoundedHttpClient}'s https batch does with the JDK client: no hand-over
     * to a Dispatcher thread per request.
     */
    private ExecutorService blockingWorkers(OkHttpClient client, List<MatrixCall> calls, long[] startedNanos,
                                            Completion completion) {
        int total = calls.size();
        int count = Math.min(config.concurrency(), total);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threads = new AtomicInteger();
        int pool = POOLS.incrementAndGet();
        ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "chaos-okhttp-" + pool + "-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < count; w++) {
            workers.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    Observation seen;
                    try {
                        seen = observe(client.newCall(request(calls.get(i), i)).execute(), startedNanos[i]);
                    } catch (IOException | RuntimeException e) {
                        seen = Observation.failed(e, since(startedNanos[i]), redactor);
                    }
                    completion.completed(i, seen);
                }
            });
        }
        return workers;
    }

    private static Request request(MatrixCall call, int index) {
        Request.Builder request = new Request.Builder().url(call.url).headers(call.headers).tag(Integer.class, index);
        return request.method(call.endpoint.method(), call.body == null
                ? (requiresBody(call.endpoint.method()) ? RequestBody.create(new byte[0], null) : null)
                : RequestBody.create(call.body, JSON)).build();
    }

    /** Status and body, read to the end and closed; the latency runs from the start the interceptor noted. */
    private Observation observe(Response response, long started) {
        try (response) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return Observation.answered(response.code(), text, since(started), redactor);
        } catch (IOException e) {
            return Observation.failed(e, since(started), redactor);
        }
    }

    private static long since(long started) {
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    @FunctionalInterface
    private interface Completion {
        void completed(int index, Observation seen);
    }

    /**
     * A client sized to the matrix: {@code concurrency} requests at once, to one host, over a pool of as many
     * kept-alive connections. An application interceptor notes when the Dispatcher starts each call, so that the
     * latency is that of the call, not of its wait in the Dispatcher's queue.
     */
    private static OkHttpClient client(int concurrency, Duration timeout, long[] startedNanos) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        // OkHttp's own default executor (unbounded, threads made on demand, 60 s idle), with daemon threads named here
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "chaos-okhttp-" + pool + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(concurrency);
        dispatcher.setMaxRequestsPerHost(concurrency);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(chain -> {
                    Integer index = chain.request().tag(Integer.class);
                    if (index != null) {
                        startedNanos[index] = System.nanoTime();
                    }
                    return chain.proceed(chain.request());
                })
                .build();
    }

    private static boolean requiresBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    // --- judging: the same verdicts, summaries and evidence as ApiIsolationProbe -------------------------------------

    private List<CheckResult> judge(List<MatrixCall> calls, Observation[] observed) {
        Map<ControlKey, Observation> controls = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            MatrixCall call = calls.get(i);
            if (call.control()) {
                controls.put(new ControlKey(call.caller, call.endpoint), observed[i]);
            }
        }
        List<CheckResult> checks = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            MatrixCall call = calls.get(i);
            checks.add(call.control() ? judgeControl(call, observed[i]) : judgeCross(call, observed[i], controls));
        }
        return checks;
    }

    private CheckResult judgeControl(MatrixCall call, Observation seen) {
        List<String> evidence = evidence(call, seen, true);
        if (seen.succeeded()) {
            return check(call, seen, Verdict.PASSED, "positive control: " + call.caller + " reached its own resource ("
                    + seen.status + ")", evidence);
        }
        return check(call, seen, Verdict.ERROR, "positive control failed: " + call.caller + " could not use its own "
                + call.endpoint.describe(call.owner) + " (" + seen.outcome() + "); isolation cannot be judged", evidence);
    }

    private CheckResult judgeCross(MatrixCall call, Observation seen, Map<ControlKey, Observation> controls) {
        List<String> evidence = evidence(call, seen, false);
        if (seen.succeeded()) {
            return check(call, seen, Verdict.CRITICAL, "isolation breach: " + call.caller + "'s token got "
                    + seen.status + " on " + call.owner + "'s " + call.endpoint.describe(call.owner), evidence);
        }
        if (seen.error != null) {
            return check(call, seen, Verdict.ERROR, "could not check: " + seen.error, evidence);
        }
        List<String> failedControls = new ArrayList<>();
        for (String tenant : List.of(call.caller, call.owner)) {
            Observation control = controls.get(new ControlKey(tenant, call.endpoint));
            if (!control.succeeded()) {
                failedControls.add(tenant + " on its own " + call.endpoint.describe(tenant) + ": " + control.outcome());
            }
        }
        if (!failedControls.isEmpty()) {
            evidence.add("positive control failed: " + String.join("; ", failedControls));
            return check(call, seen, Verdict.ERROR, "positive control failed (" + String.join("; ", failedControls)
                    + "), so the " + seen.status + " proves nothing", evidence);
        }
        if (config.denialStatuses().contains(seen.status)) {
            return check(call, seen, Verdict.PASSED, "denied with " + seen.status, evidence);
        }
        return check(call, seen, Verdict.CRITICAL, "expected one of " + config.denialStatuses() + " for "
                + call.caller + "'s token on " + call.owner + "'s resource, got " + seen.status, evidence);
    }

    private List<String> evidence(MatrixCall call, Observation seen, boolean control) {
        List<String> evidence = new ArrayList<>();
        evidence.add("request: " + call.endpoint.method() + " " + redactor.redact(call.url.toString()) + " with "
                + call.caller + "'s token" + (control ? " (positive control)" : ""));
        evidence.add(seen.error == null ? "status: " + seen.status : "error: " + seen.error);
        if (seen.excerpt != null && !seen.excerpt.isEmpty()) {
            evidence.add("body: " + seen.excerpt);
        }
        evidence.add("latency: " + seen.latencyMillis() + " ms");
        return evidence;
    }

    private CheckResult check(MatrixCall call, Observation seen, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(PROBE, call.caller + "->" + call.owner + " " + call.endpoint.describe(call.owner),
                verdict, redactor.redact(summary), evidence.stream().map(redactor::redact).toList(),
                seen.startedAt, seen.latencyMillis());
    }

    private record MatrixCall(String caller, String owner, RequestTemplate endpoint, HttpUrl url, Headers headers,
                              byte[] body) {
        boolean control() {
            return caller.equals(owner);
        }
    }

    private record ControlKey(String tenant, RequestTemplate endpoint) {
    }

    /** The part of a reply a check keeps: status, a redacted body excerpt, or the error. */
    private record Observation(int status, String excerpt, String error, Instant startedAt, long latencyNanos) {

        static Observation answered(int status, String body, long nanos, SecretRedactor redactor) {
            return new Observation(status, Excerpt.of(body, redactor), null, Instant.now().minusNanos(nanos), nanos);
        }

        /** Worded as the probe words its errors: a timeout of the call is "timed out", anything else "no response". */
        static Observation failed(Exception e, long nanos, SecretRedactor redactor) {
            boolean timedOut = e instanceof InterruptedIOException
                    && !(e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
            String kind = e.getClass().getSimpleName();
            String described = e.getMessage() == null ? kind : kind + ": " + e.getMessage();
            return new Observation(0, null, (timedOut ? "timed out: " : "no response: ") + redactor.redact(described),
                    Instant.now().minusNanos(nanos), nanos);
        }

        long latencyMillis() {
            return latencyNanos / 1_000_000;
        }

        boolean succeeded() {
            return error == null && status >= 200 && status < 300;
        }

        String outcome() {
            return error != null ? error : "status " + status;
        }
    }

    /** Reports every 10% of the matrix, once each, whichever dispatcher thread crosses the mark. */
    private final class Progress {
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger reportedDecile = new AtomicInteger();

        Progress(int total) {
            this.total = total;
        }

        void completed() {
            int now = done.incrementAndGet();
            int decile = (int) ((long) now * 10 / total);
            int last = reportedDecile.get();
            if (decile > last && decile < 10 && reportedDecile.compareAndSet(last, decile)) {
                listener.info(PROBE + " (" + mode.label() + "): " + decile * 10 + "% (" + now + "/" + total + " calls)");
            }
        }
    }
}

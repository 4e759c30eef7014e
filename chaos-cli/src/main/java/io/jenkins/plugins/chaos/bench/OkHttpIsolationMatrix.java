package io.jenkins.plugins.chaos.bench;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.api.ApiIsolationProbe;
import io.jenkins.plugins.chaos.probe.api.IsolationMatrix;
import io.jenkins.plugins.chaos.probe.api.IsolationMatrix.Observation;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final IsolationMatrix matrix;
    private final SecretRedactor redactor;

    /**
     * @param mode         through the Dispatcher (OkHttp's asynchronous API) or blocking calls on threads of our own
     * @param latencyNanos receives every call's latency (from the moment OkHttp starts it, past any wait in the
     *                     Dispatcher's queue, to the end of the body) from the sending threads, so it must be
     *                     thread-safe
     * @throws IllegalArgumentException listing every configuration problem, by field
     */
    public OkHttpIsolationMatrix(Mode mode, ApiIsolationConfig config, RunListener listener, LongConsumer latencyNanos) {
        this.matrix = new IsolationMatrix(config);
        this.mode = mode;
        this.config = config;
        this.listener = listener;
        this.latencyNanos = latencyNanos;
        this.redactor = matrix.redactor();
    }

    /** Runs the whole matrix on a client of its own (as the probe does), then judges it. */
    public List<CheckResult> run() throws InterruptedException {
        Map<String, Headers> authorization = new HashMap<>();
        matrix.tenants().forEach(name -> authorization.put(name,
                Headers.of("Authorization", "Bearer " + config.tenants().get(name))));
        Map<URI, HttpUrl> urls = new HashMap<>();
        List<MatrixCall> calls = new ArrayList<>();
        for (IsolationMatrix.Call call : matrix.calls()) {
            String body = call.endpoint().body();
            calls.add(new MatrixCall(call, urls.computeIfAbsent(call.uri(), HttpUrl::get),
                    authorization.get(call.caller()), body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
        }
        int total = calls.size();
        String label = PROBE + " (" + mode.label() + ")";
        listener.info(label + ": " + matrix.describe());

        Observation[] observed = new Observation[total];
        long[] startedNanos = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        Runnable progress = matrix.progress(listener, label);
        OkHttpClient client = client(config.concurrency(), config.timeoutDuration(), startedNanos);
        Completion completion = (i, seen) -> {
            latencyNanos.accept(seen.latencyNanos());
            observed[i] = seen;
            progress.run();
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
                                seen = failed(e, since(startedNanos[index]));
                            }
                            completion.completed(index, seen);
                        }

                        @Override
                        public void onFailure(Call c, IOException e) {
                            completion.completed(index, failed(e, since(startedNanos[index])));
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
        List<CheckResult> checks = matrix.judge(observed);
        listener.info(label + ": " + IsolationMatrix.tally(checks));
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
        ExecutorService workers = Executors.newFixedThreadPool(count,
                DaemonThreads.named("chaos-okhttp-" + POOLS.incrementAndGet() + "-worker"));
        for (int w = 0; w < count; w++) {
            workers.execute(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    Observation seen;
                    try {
                        seen = observe(client.newCall(request(calls.get(i), i)).execute(), startedNanos[i]);
                    } catch (IOException | RuntimeException e) {
                        seen = failed(e, since(startedNanos[i]));
                    }
                    completion.completed(i, seen);
                }
            });
        }
        return workers;
    }

    private static Request request(MatrixCall call, int index) {
        Request.Builder request = new Request.Builder().url(call.url).headers(call.headers).tag(Integer.class, index);
        String method = call.call.endpoint().method();
        return request.method(method, call.body == null
                ? (requiresBody(method) ? RequestBody.create(new byte[0], null) : null)
                : RequestBody.create(call.body, JSON)).build();
    }

    /** Status and body, read to the end and closed; the latency runs from the start the interceptor noted. */
    private Observation observe(Response response, long started) {
        try (response) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            return Observation.answered(response.code(), text, since(started), redactor);
        } catch (IOException e) {
            return failed(e, since(started));
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
        // OkHttp's own default executor (unbounded, threads made on demand, 60 s idle), with daemon threads named here
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("chaos-okhttp-" + POOLS.incrementAndGet()));
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

    /** A call of the matrix as OkHttp sends it. */
    private record MatrixCall(IsolationMatrix.Call call, HttpUrl url, Headers headers, byte[] body) {
    }

    /** Worded as the probe words its errors: a timeout of the call is "timed out", anything else "no response". */
    private Observation failed(Exception e, long nanos) {
        boolean timedOut = e instanceof InterruptedIOException
                && !(e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
        String kind = e.getClass().getSimpleName();
        String described = e.getMessage() == null ? kind : kind + ": " + e.getMessage();
        return Observation.failed((timedOut ? "timed out: " : "no response: ") + redactor.redact(described), nanos);
    }
}

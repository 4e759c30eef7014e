package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos bench isolation}: the isolation matrix against the playground gateway (started here, HEALTHY) or
 * against an already running one ({@code --gateway} with {@code --tokens}); or, with {@code --serve-only}, just the
 * gateway, so that wrk and Playwright can be measured against the very same server.
 */
@Command(name = "isolation", description = "Isolation matrix (tenants x tenants x endpoints) against the playground "
        + "gateway on 127.0.0.1: requests/s, p50/p99 latency, peak heap; exit 0 only when every check PASSED.")
final class IsolationBenchCommand implements Callable<Integer> {

    static final int MAX_TENANTS = 200;
    static final int MAX_SERVE_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenants", defaultValue = "50", description = "tenants in the matrix, 2.." + MAX_TENANTS
            + " (default: ${DEFAULT-VALUE})")
    int tenants;

    @Option(names = "--endpoints", defaultValue = "4", description = "tenant endpoints per pair, 1..4, taken in order "
            + "from: models, files, usage, chat/completions (default: ${DEFAULT-VALUE})")
    int endpoints;

    @Option(names = "--concurrency", defaultValue = "16", description = "requests in flight, 1.."
            + ApiIsolationConfig.MAX_CONCURRENCY + " (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--warmup-tenants", defaultValue = "10", description = "tenants of the untimed warm-up matrix, "
            + "0 for none (default: ${DEFAULT-VALUE})")
    int warmupTenants;

    @Option(names = "--warmup-rounds", defaultValue = "1", description = "times the warm-up matrix runs before the "
            + "measured one, 1..10, so that the JIT has compiled the hot path (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--runs", defaultValue = "1", description = "measured runs of the whole matrix, 1..10; the "
            + "median run is reported, so that one run disturbed by other work on the machine does not decide the "
            + "number (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--client", defaultValue = "ours", description = "HTTP client that sends the matrix: ours (the "
            + "engine's ApiIsolationProbe), okhttp (the same matrix, judged the same way, through OkHttp's Dispatcher; "
            + "bench only) or okhttp-blocking (OkHttp's blocking calls on --concurrency threads) (default: ${DEFAULT-VALUE})")
    String client;

    @Option(names = "--serve-only", paramLabel = "SECONDS", description = "only start the gateway, print its URL and "
            + "the path of a 0600 JSON file with the tenant tokens, and keep it up for SECONDS (1.." + MAX_SERVE_SECONDS + ")")
    Integer serveOnlySeconds;

    @Option(names = "--gateway", paramLabel = "URL", description = "run against this already running gateway "
            + "(default: the gatewayUrl in --tokens)")
    String gatewayUrl;

    @Option(names = "--tokens", paramLabel = "FILE", description = "JSON file written by --serve-only: tenant tokens "
            + "(and the gateway URL) of an already running gateway")
    Path tokensFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("chaos bench isolation: " + p));
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        List<RequestTemplate> matrixEndpoints = ApiIsolationConfig.DEFAULT_ENDPOINTS.subList(0, endpoints);
        if (tokensFile != null) {
            IsolationBench.Target target;
            try {
                target = external(matrixEndpoints);
            } catch (IllegalArgumentException e) {
                err.println("chaos bench isolation: " + e.getMessage());
                err.flush();
                return ExitCode.INVALID_INPUT;
            }
            return measure(target, out);
        }
        try (PlaygroundGateway gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, tenantNames(tenants))) {
            IsolationBench.Target target = new IsolationBench.Target(gateway.baseUri().toString(),
                    gateway.tenants().tokens(), matrixEndpoints, concurrency);
            if (serveOnlySeconds != null) {
                return serve(target, out);
            }
            return measure(target, out);
        }
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (tenants < 2 || tenants > MAX_TENANTS) {
            problems.add("--tenants: " + tenants + " must be between 2 and " + MAX_TENANTS);
        }
        if (endpoints < 1 || endpoints > ApiIsolationConfig.DEFAULT_ENDPOINTS.size()) {
            problems.add("--endpoints: " + endpoints + " must be between 1 and "
                    + ApiIsolationConfig.DEFAULT_ENDPOINTS.size() + " (" + ApiIsolationConfig.DEFAULT_ENDPOINTS + ")");
        }
        if (concurrency < 1 || concurrency > ApiIsolationConfig.MAX_CONCURRENCY) {
            problems.add("--concurrency: " + concurrency + " must be between 1 and " + ApiIsolationConfig.MAX_CONCURRENCY);
        }
        if (warmupRounds < 1 || warmupRounds > 10) {
            problems.add("--warmup-rounds: " + warmupRounds + " must be between 1 and 10");
        }
        if (runs < 1 || runs > 10) {
            problems.add("--runs: " + runs + " must be between 1 and 10");
        }
        if (warmupTenants < 0) {
            problems.add("--warmup-tenants: " + warmupTenants + " must be 0 (no warm-up) or more");
        }
        if (serveOnlySeconds != null && (serveOnlySeconds < 1 || serveOnlySeconds > MAX_SERVE_SECONDS)) {
            problems.add("--serve-only: " + serveOnlySeconds + " must be between 1 and " + MAX_SERVE_SECONDS + " seconds");
        }
        if (serveOnlySeconds != null && (tokensFile != null || gatewayUrl != null)) {
            problems.add("--serve-only starts its own gateway; it cannot be combined with --gateway or --tokens");
        }
        if (IsolationBench.Client.named(client) == null) {
            problems.add("--client: '" + client + "' must be ours, okhttp or okhttp-blocking");
        }
        if (gatewayUrl != null && tokensFile == null) {
            problems.add("--gateway: needs --tokens FILE with the tenants' tokens (as written by --serve-only)");
        }
        if (tokensFile != null && !Files.isReadable(tokensFile)) {
            problems.add("--tokens: " + tokensFile + " does not exist or cannot be read");
        }
        return problems;
    }

    /** The first {@code tenants} tenants of a running gateway's tokens file. */
    private IsolationBench.Target external(List<RequestTemplate> matrixEndpoints) {
        GatewayTokensFile file = GatewayTokensFile.read(tokensFile);
        String url = gatewayUrl != null ? gatewayUrl : file.gatewayUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--gateway: required, since " + tokensFile + " names no gatewayUrl");
        }
        if (file.tenants().size() < tenants) {
            throw new IllegalArgumentException("--tenants: " + tenants + " requested but " + tokensFile + " has only "
                    + file.tenants().size() + " tenants");
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        file.tenants().entrySet().stream().limit(tenants).forEach(e -> chosen.put(e.getKey(), e.getValue()));
        IsolationBench.Target target = new IsolationBench.Target(url, chosen, matrixEndpoints, concurrency);
        List<String> errors = target.config().validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return target;
    }

    private int measure(IsolationBench.Target target, PrintWriter out) throws InterruptedException {
        RunListener listener = new RunListener() {
            @Override
            public void info(String line) {
                out.println(line);
            }

            @Override
            public void warn(String line) {
                out.println("WARNING: " + line);
            }
        };
        IsolationBench.Result result = IsolationBench.run(IsolationBench.Client.named(client), target, warmupTenants,
                warmupRounds, runs, listener);
        out.println(result.describe());
        out.flush();
        return result.allPassed() ? ExitCode.PASSED : ExitCode.of(result.worst());
    }

    private int serve(IsolationBench.Target target, PrintWriter out) throws Exception {
        Path file = new GatewayTokensFile(target.gatewayUrl(), target.tenants(), target.endpoints(),
                target.concurrency()).writeToTempDir();
        out.println("gateway: " + target.gatewayUrl() + " (" + target.tenants().size() + " tenants, "
                + GatewayScenario.HEALTHY + ")");
        out.println("tokens: " + file);
        out.println("serving for " + serveOnlySeconds + " s");
        out.flush();
        try {
            Thread.sleep(serveOnlySeconds * 1000L);
        } finally {
            Files.deleteIfExists(file);
        }
        out.println("gateway stopped");
        out.flush();
        return ExitCode.PASSED;
    }

    /** tenant-00, tenant-01, ...: sortable names that need no escaping in URLs. */
    static List<String> tenantNames(int count) {
        int width = Math.max(2, String.valueOf(count - 1).length());
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("tenant-" + String.format("%0" + width + "d", i));
        }
        return names;
    }
}

package io.jenkins.plugins.chaos.probe.api;

import io.jenkins.plugins.chaos.engine.RunListener;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How long the full isolation matrix takes against the local playground: 50 tenants x 4 endpoints is 10,000
 * calls (9,800 cross-tenant, 200 controls). Usage: {@code ApiIsolationBench [tenants] [concurrency] [scenario]}.
 * All traffic goes to 127.0.0.1.
 */
public final class ApiIsolationBench {

    private ApiIsolationBench() {
    }

    public static void main(String[] args) throws Exception {
        int tenantCount = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : ApiIsolationConfig.DEFAULT_CONCURRENCY;
        GatewayScenario scenario = args.length > 2 ? GatewayScenario.parse(args[2]) : GatewayScenario.HEALTHY;
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < tenantCount; i++) {
            tenants.add(String.format("tenant-%02d", i));
        }
        try (PlaygroundGateway gateway = PlaygroundGateway.start(scenario, tenants)) {
            ApiIsolationConfig config = new ApiIsolationConfig(gateway.baseUri().toString(),
                    gateway.tenants().tokens(), null, null, concurrency, "10s");
            // one warm-up round on a small matrix so that JIT and connection set-up are not measured
            new ApiIsolationProbe(config.withTenants(Map.of("tenant-00", gateway.tenants().token("tenant-00"),
                    "tenant-01", gateway.tenants().token("tenant-01"))), RunListener.silent()).run();
            long started = System.nanoTime();
            List<CheckResult> checks = new ApiIsolationProbe(config, RunListener.printingTo(System.out)).run();
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<Verdict, Long> verdicts = checks.stream()
                    .collect(Collectors.groupingBy(CheckResult::verdict, Collectors.counting()));
            System.out.printf("%d tenants x %d endpoints = %d calls in %.2f s (%.0f calls/s, %d in flight); verdicts %s%n",
                    tenantCount, config.endpoints().size(), checks.size(), seconds, checks.size() / seconds,
                    concurrency, verdicts);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used after run: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}

package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chaos bench isolation --client okhttp}: the same matrix through OkHttp; counts and verdicts, never timings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolationBenchOkHttpTest {

    private static final Pattern RESULT = Pattern.compile(
            "bench-isolation-result calls=(\\d+) seconds=\\S+ rps=(\\S+) p50_ms=\\S+ p99_ms=\\S+ peak_heap_mib=\\S+ "
                    + "all_passed=(\\w+) runs=(\\d+) rps_min=\\S+ rps_max=\\S+ client=(\\S+)");

    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "okhttp-blocking"})
    void okHttpRunsATinyMatrixOnThePlaygroundAndEveryCheckPasses(String client) {
        CliRun run = cli("bench", "isolation", "--client", client, "--tenants", "4", "--endpoints", "4",
                "--concurrency", "4", "--warmup-tenants", "2", "--runs", "2");

        assertEquals(0, run.exit(), run::toString);
        Matcher result = RESULT.matcher(run.out());
        assertTrue(result.find(), run::toString);
        // 4 callers x 4 owners x 4 endpoints (the POST with its body among them), of which 4 x 4 are positive controls
        assertEquals("64", result.group(1), run::toString);
        assertTrue(Double.parseDouble(result.group(2)) > 0, run::toString);
        assertEquals("true", result.group(3), run::toString);
        assertEquals("2", result.group(4), run::toString);
        assertEquals(client, result.group(5), run::toString);
        assertTrue(run.out().contains("chaos bench isolation: 4 tenants x 4 endpoints, 4 in flight, client " + client),
                run::toString);
        assertTrue(run.out().contains("calls:        64 per run (48 cross-tenant, 16 positive controls)"), run::toString);
        assertTrue(run.out().contains("verdicts:     {PASSED=128} -> all PASSED"), "two runs' checks: " + run);
        assertTrue(run.out().contains("isolation.api (" + client + "): 64 calls answered in "), run::toString);
        assertTrue(run.out().contains("isolation.api (" + client + "): 64 checks, 0 CRITICAL, 0 ERROR"), run::toString);
        assertTrue(run.out().contains("latency:      p50 "), run::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"okhttp", "okhttp-blocking"})
    void okHttpJudgesALeakyGatewayAsOursDoes(String client) throws Exception {
        try (PlaygroundGateway gateway = PlaygroundGateway.start(GatewayScenario.LEAKY, List.of("alice", "bob", "carol"))) {
            Path tokens = new GatewayTokensFile(gateway.baseUri().toString(), gateway.tenants().tokens(),
                    ApiIsolationConfig.DEFAULT_ENDPOINTS, 4).writeToTempDir();
            String[] args = {"bench", "isolation", "--tokens", tokens.toString(), "--tenants", "3", "--endpoints", "4",
                    "--concurrency", "4", "--warmup-tenants", "0"};

            CliRun ours = cli(args);
            CliRun okhttp = cli(concat(args, "--client", client));

            assertEquals(1, okhttp.exit(), okhttp::toString);
            assertTrue(okhttp.out().contains("all_passed=false"), okhttp::toString);
            assertTrue(okhttp.out().contains("NOT all passed (worst CRITICAL)"), okhttp::toString);
            assertEquals(verdicts(ours), verdicts(okhttp), ours + "\n" + okhttp);
            for (String token : gateway.tenants().tokens().values()) {
                assertFalse(okhttp.out().contains(token) || okhttp.err().contains(token), "a token was printed");
            }
        }
    }

    @Test
    void anUnknownClientIsRefusedByName() {
        CliRun run = cli("bench", "isolation", "--client", "jdk");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--client: 'jdk' must be ours, okhttp or okhttp-blocking"), run::toString);
    }

    private static String verdicts(CliRun run) {
        Matcher m = Pattern.compile("verdicts:     (\\{[^}]*\\})").matcher(run.out());
        assertTrue(m.find(), run::toString);
        return m.group(1);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}

package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos bench isolation} as the bench script calls it; counts and verdicts only, never timings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IsolationBenchCommandTest {

    private static final Pattern RESULT = Pattern.compile(
            "bench-isolation-result calls=(\\d+) seconds=\\S+ rps=\\S+ p50_ms=\\S+ p99_ms=\\S+ peak_heap_mib=(\\S+) all_passed=(\\w+)");

    private static final Pattern TOKENS_LINE = Pattern.compile("tokens: (\\S+)\\R");

    @TempDir
    Path dir;

    @Test
    void smallMatrixOnThePlaygroundPassesEveryCheck() {
        CliRun run = cli("bench", "isolation", "--tenants", "4", "--endpoints", "2", "--concurrency", "4",
                "--warmup-tenants", "2", "--runs", "3");

        assertEquals(0, run.exit(), run::toString);
        Matcher result = RESULT.matcher(run.out());
        assertTrue(result.find(), run::toString);
        // 4 callers x 4 owners x 2 endpoints, of which 4 x 2 are positive controls
        assertEquals("32", result.group(1), run::toString);
        assertEquals("true", result.group(3), run::toString);
        assertTrue(Double.parseDouble(result.group(2)) > 0, run::toString);
        assertTrue(run.out().contains("calls:        32 per run (24 cross-tenant, 8 positive controls)"), run::toString);
        assertTrue(run.out().contains("verdicts:     {PASSED=96} -> all PASSED"), "three runs' checks: " + run);
        assertTrue(run.out().contains(" runs=3 rps_min="), run::toString);
        assertTrue(run.out().contains("runs:         3; requests/s of each: "), run::toString);
        assertTrue(run.out().contains("latency:      p50 "), run::toString);
    }

    @Test
    void aLeakyGatewayIsACriticalExitNotAPass() throws Exception {
        try (PlaygroundGateway gateway = PlaygroundGateway.start(GatewayScenario.LEAKY, List.of("alice", "bob", "carol"))) {
            Path tokens = new GatewayTokensFile(gateway.baseUri().toString(), gateway.tenants().tokens(),
                    ApiIsolationConfig.DEFAULT_ENDPOINTS, 4).writeToTempDir();

            CliRun run = cli("bench", "isolation", "--tokens", tokens.toString(), "--tenants", "3", "--endpoints", "4",
                    "--concurrency", "4", "--warmup-tenants", "0");

            assertEquals(1, run.exit(), run::toString);
            assertTrue(run.out().contains("all_passed=false"), run::toString);
            assertTrue(run.out().contains("NOT all passed (worst CRITICAL)"), run::toString);
            for (String token : gateway.tenants().tokens().values()) {
                assertFalse(run.out().contains(token) || run.err().contains(token), "a token was printed");
            }
        }
    }

    @Test
    void serveOnlyWritesTheTokensToAPrivateFileNotToStdout() throws Exception {
        // The served command's output is read while it runs: the tokens file's path is its only hand-over.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] exit = {-1};
        Thread server = new Thread(() -> exit[0] = ChaosCli.execute(new String[] {"bench", "isolation", "--serve-only",
                "3", "--tenants", "3", "--endpoints", "2"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        server.start();
        Matcher printed = TOKENS_LINE.matcher("");
        for (int i = 0; i < 500 && !printed.reset(out.toString()).find(); i++) {
            Thread.sleep(10);
        }
        assertTrue(printed.reset(out.toString()).find(), out::toString);
        Path tokens = Path.of(printed.group(1));
        GatewayTokensFile file = GatewayTokensFile.read(tokens);
        assertEquals(List.of("tenant-00", "tenant-01", "tenant-02"), List.copyOf(file.tenants().keySet()));
        assertEquals(ApiIsolationConfig.DEFAULT_ENDPOINTS.subList(0, 2), file.endpoints());
        assertEquals(16, file.concurrency());
        assertTrue(file.gatewayUrl().startsWith("http://127.0.0.1:"), file.gatewayUrl());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.getParent())));

        // a second bench against the served gateway, through the file
        CliRun run = cli("bench", "isolation", "--tokens", tokens.toString(), "--tenants", "3", "--endpoints", "2",
                "--warmup-tenants", "0");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("all_passed=true"), run::toString);

        server.join(10_000);
        assertEquals(0, exit[0], out + "\n" + err);
        assertTrue(out.toString().contains("gateway: " + file.gatewayUrl()), out::toString);
        for (String token : file.tenants().values()) {
            assertFalse(out.toString().contains(token) || err.toString().contains(token), "a token was printed");
        }
        assertFalse(Files.exists(tokens), "the tokens file outlived the gateway");
    }

    @Test
    void badNumbersAreRefusedByName() {
        CliRun run = cli("bench", "isolation", "--tenants", "1", "--endpoints", "5", "--concurrency", "0", "--runs", "0");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--tenants: 1 must be between 2 and 200"), run::toString);
        assertTrue(run.err().contains("--endpoints: 5 must be between 1 and 4"), run::toString);
        assertTrue(run.err().contains("--concurrency: 0 must be between 1 and 256"), run::toString);
        assertTrue(run.err().contains("--runs: 0 must be between 1 and 10"), run::toString);

        CliRun gatewayOnly = cli("bench", "isolation", "--gateway", "http://127.0.0.1:1");
        assertEquals(2, gatewayOnly.exit(), gatewayOnly::toString);
        assertTrue(gatewayOnly.err().contains("--gateway: needs --tokens FILE"), gatewayOnly::toString);
    }

    @Test
    void failoverMemoryRefusesARunTooShortForItsFault() {
        CliRun run = cli("bench", "failover-memory", "--minutes", "10");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--minutes must be 30..1440 (got 10; the primary is down from minute 20 to 25)"),
                run::toString);
    }

    @Test
    void tokensFileWithTooFewTenantsIsRefused() throws Exception {
        Path tokens = Files.writeString(dir.resolve("t.json"),
                "{\"gatewayUrl\":\"http://127.0.0.1:1\",\"tenants\":{\"a\":\"secret-a\",\"b\":\"secret-b\"}}");
        CliRun run = cli("bench", "isolation", "--tokens", tokens.toString(), "--tenants", "3");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--tenants: 3 requested but " + tokens + " has only 2 tenants"), run::toString);
        assertFalse(run.err().contains("secret-"), run::toString);
    }

    @Test
    void failoverMemoryPrintsAFlatCurveUnderTheTarget() {
        // in-process, the heap also holds what the module's other tests left (65 MiB at the start, seen): the 64 MiB
        // target is the benchmark's, in a JVM of its own (bench/README.md); here a generous bound
        CliRun run = cli("bench", "failover-memory", "--minutes", "30", "--rate", "10", "--target-mib", "512");
        assertEquals(0, run.exit(), run::toString);
        for (String minute : List.of(" 10", " 20")) {
            assertTrue(run.out().contains("simulated " + minute + " min: heap used after GC"), run::toString);
        }
        assertTrue(run.out().contains("simulated 30 min at 10 req/s: 18000 requests"), run::toString);
        assertTrue(run.out().contains("failover time=PASSED"), run::toString);
        assertTrue(run.out().contains("target < 512 MiB met"), run::toString);
    }
}

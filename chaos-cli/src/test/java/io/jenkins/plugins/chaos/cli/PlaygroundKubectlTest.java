package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos playground} as users point tools at it: Debian's kubectl applies the project's Chaos Mesh examples and
 * lists them, with the built-in CRDs and with Chaos Mesh's own from the corpus, and the simulator answers
 * {@code kubectl wait --for=condition=AllInjected}.
 */
class PlaygroundKubectlTest {

    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void kubectlAppliesTheExamplesAndListsThem() throws Exception {
        Path kubectl = requireKubectl();
        Path kubeconfig = dir.resolve("kubeconfig");
        try (RunningPlayground playground = RunningPlayground.start(kubeconfig, "--kubeconfig-out", kubeconfig.toString())) {
            assertKubectlWorks(kubectl, kubeconfig, playground);
        }
    }

    @Test
    void kubectlWorksWithChaosMeshsOwnCrds() throws Exception {
        Path kubectl = requireKubectl();
        Path crds = ChaosTestSupport.requireCorpus().resolve("crd");
        Path kubeconfig = dir.resolve("kubeconfig");
        try (RunningPlayground playground = RunningPlayground.start(kubeconfig, "--kubeconfig-out", kubeconfig.toString(),
                "--crd-dir", crds.toString())) {
            assertTrue(playground.out().contains("CRDs from " + crds), playground.out());
            assertKubectlWorks(kubectl, kubeconfig, playground);
            String crdList = kubectl(kubectl, kubeconfig, "get", "crd", "networkchaos.chaos-mesh.org", "-o",
                    "jsonpath={.spec.versions[0].schema.openAPIV3Schema.properties.spec.required}");
            assertTrue(crdList.contains("action"), "the real CRD, with its schema, is served: " + crdList);
        }
    }

    @Test
    void refusesAnUpTimeAboveOneHour() {
        CliRun run = cli("playground", "--for", "2h");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("--for: '2h' must be a duration above 0s and at most 1h"), run.toString());
    }

    private static void assertKubectlWorks(Path kubectl, Path kubeconfig, RunningPlayground playground) throws Exception {
        Path examples = Path.of("..", "examples", "chaos-mesh").toAbsolutePath().normalize();
        String applied = kubectl(kubectl, kubeconfig, "apply", "-f", examples.toString());
        assertTrue(applied.contains("networkchaos.chaos-mesh.org/tenant-isolation-partition created"), applied);
        assertTrue(applied.contains("schedule.chaos-mesh.org/continuous-tenant-partition created"), applied);
        assertTrue(applied.contains("podchaos.chaos-mesh.org/primary-provider-outage created"), applied);
        String listed = kubectl(kubectl, kubeconfig, "get", "networkchaos", "-A");
        assertTrue(listed.matches("(?s)NAMESPACE\\s+NAME\\s+AGE\\s+tenant-alice\\s+tenant-isolation-partition\\s.*"), listed);
        String waited = kubectl(kubectl, kubeconfig, "wait", "--for=condition=AllInjected", "--timeout=30s", "-n",
                "tenant-alice", "networkchaos/tenant-isolation-partition");
        assertTrue(waited.contains("condition met"), waited);
        String records = kubectl(kubectl, kubeconfig, "get", "networkchaos", "-n", "tenant-alice",
                "tenant-isolation-partition", "-o", "jsonpath={.status.experiment.desiredPhase} "
                        + "{.status.experiment.containerRecords[0].phase} {.metadata.finalizers[0]}");
        assertEquals("Run Injected chaos-mesh/records", records.strip());
        String again = kubectl(kubectl, kubeconfig, "apply", "-f", examples.toString());
        assertTrue(again.contains("networkchaos.chaos-mesh.org/tenant-isolation-partition unchanged"), again);
        String deleted = kubectl(kubectl, kubeconfig, "delete", "--wait", "--timeout=30s", "-f", examples.toString());
        assertTrue(deleted.contains("networkchaos.chaos-mesh.org \"tenant-isolation-partition\" deleted"), deleted);
        String after = kubectl(kubectl, kubeconfig, "get", "networkchaos,podchaos,httpchaos,schedules", "-A", "-o", "name");
        assertEquals("", after.strip(), "the simulator released its finalizers and nothing is left");
        assertTrue(playground.out().contains("Kubernetes API:  http://127.0.0.1:"), playground.out());
    }

    private static String kubectl(Path kubectl, Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(KUBECTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + KUBECTL_TIMEOUT);
        }
        String out = output.get(10, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "kubectl " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    /** Debian's kubectl on the PATH; without it the test is skipped, loudly, never failed. */
    static Path requireKubectl() {
        Optional<Path> found = onPath("kubectl");
        if (found.isEmpty()) {
            String why = "kubectl is not on the PATH (apt-get install -y kubectl; .ci/run installs it)";
            System.err.println();
            System.err.println("*** SKIPPED: PlaygroundKubectlTest: " + why + " ***");
            System.err.println();
            System.err.flush();
            Assumptions.abort(why);
        }
        return found.get();
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code chaos playground} in-process on its own thread, stopped by an interrupt as Ctrl-C would. */
    private static final class RunningPlayground implements AutoCloseable {

        // StringWriter appends to a StringBuffer: safe to read while the command's thread writes.
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Path kubeconfig;
        private Thread thread;

        private RunningPlayground(Path kubeconfig) {
            this.kubeconfig = kubeconfig;
        }

        static RunningPlayground start(Path kubeconfig, String... options) throws InterruptedException {
            List<String> args = new ArrayList<>(List.of("playground", "--for", "5m"));
            args.addAll(List.of(options));
            RunningPlayground playground = new RunningPlayground(kubeconfig);
            playground.thread = new Thread(() -> {
                try (PrintWriter o = new PrintWriter(playground.out, true); PrintWriter e = new PrintWriter(playground.err, true)) {
                    playground.exit.set(ChaosCli.execute(args.toArray(String[]::new), o, e));
                }
            }, "chaos-playground-test");
            playground.thread.setDaemon(true);
            playground.thread.start();
            assertTrue(ChaosTestSupport.await(() -> playground.out().contains("Up for 5m") || !playground.thread.isAlive(),
                    Duration.ofSeconds(60)) && playground.thread.isAlive(),
                    "the playground did not come up: " + playground.out() + playground.err);
            return playground;
        }

        String out() {
            return out.toString();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(0, exit.get(), out() + err);
            assertTrue(out().contains("Playground stopped"), out());
            assertTrue(Files.exists(kubeconfig), "a kubeconfig written where the user asked stays for them");
        }
    }
}

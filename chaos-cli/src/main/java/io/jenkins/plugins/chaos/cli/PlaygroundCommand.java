package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.playground.Playground;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The playground on its own, for other tools: kubectl, a Jenkins agent, {@code chaos run --kubeconfig}. It prints
 * where everything is, writes the kubeconfig and the tenants' tokens to files only the owner can read (tokens are
 * secrets: never on stdout), and stays up until interrupted or {@code --for} has passed.
 */
@Command(name = "playground", mixinStandardHelpOptions = true, description = "Start the embedded Kubernetes API with "
        + "the Chaos Mesh simulator, the multi-tenant gateway and the Slack/PagerDuty sinks on 127.0.0.1, write a "
        + "kubeconfig for kubectl, and stay up until interrupted or --for has passed.")
final class PlaygroundCommand implements Callable<Integer> {

    static final Duration MAX_UP = Duration.ofHours(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "healthy",
            description = "healthy, leaky, no-failover or slow (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--kubeconfig-out", paramLabel = "FILE",
            description = "where to write the kubeconfig (default: a 0600 file in a fresh temporary directory)")
    Path kubeconfigOut;

    @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h",
            description = "how long to stay up, at most 1h (default: ${DEFAULT-VALUE}); Ctrl-C stops it earlier")
    String upFor;

    @Option(names = "--crd-dir", paramLabel = "DIR",
            description = "register these CustomResourceDefinitions (e.g. Chaos Mesh's config/crd/bases) instead of "
                    + "the built-in minimal ones")
    Path crdDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        if (!Playground.SCENARIOS.contains(scenario)) {
            problems.add("--scenario: unknown '" + scenario + "'; allowed: " + String.join(", ", Playground.SCENARIOS));
        }
        Optional<Duration> up = GoDuration.parse(upFor);
        if (up.isEmpty() || up.get().isZero() || up.get().isNegative() || up.get().compareTo(MAX_UP) > 0) {
            problems.add("--for: '" + upFor + "' must be a duration above 0s and at most 1h; " + GoDuration.ALLOWED);
        }
        if (crdDir != null && !Files.isDirectory(crdDir)) {
            problems.add("--crd-dir: " + crdDir + " is not a directory");
        }
        if (kubeconfigOut != null && Files.isDirectory(kubeconfigOut)) {
            problems.add("--kubeconfig-out: " + kubeconfigOut + " is a directory; name a file");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("chaos: " + p));
            return ExitCode.INVALID_INPUT;
        }
        boolean interrupted = false;
        try (Playground playground = Playground.start(scenario, crdDir)) {
            Path dir = privateDirectory();
            Path kubeconfig = kubeconfigOut != null ? kubeconfigOut : dir.resolve("kubeconfig");
            writePrivate(kubeconfig, playground.kubeconfig());
            Path tokens = new GatewayTokensFile(playground.gatewayUri().toString(), playground.tenantTokens(), List.of(), 0)
                    .writeToTempDir();
            out.println("Playground up (scenario " + scenario + "), everything on 127.0.0.1:");
            out.println("  Kubernetes API:  " + playground.cluster().url() + " (Chaos Mesh simulator"
                    + (crdDir != null ? ", CRDs from " + crdDir : "") + ")");
            out.println("  kubeconfig:      " + kubeconfig);
            out.println("  gateway:         " + playground.gatewayUri() + " (tenants " + String.join(", ",
                    playground.tenantTokens().keySet()) + ")");
            out.println("  tenant tokens:   " + tokens + " (0600; the tokens are secrets)");
            out.println("  Slack sink:      " + playground.alerts().url("/services/T000/B000/playground"));
            out.println("  PagerDuty sink:  " + playground.alerts().url("/v2/enqueue"));
            out.println("Try: KUBECONFIG=" + kubeconfig + " kubectl apply -f examples/chaos-mesh/ && KUBECONFIG="
                    + kubeconfig + " kubectl get networkchaos -A");
            out.println("Up for " + GoDuration.format(up.get()) + "; Ctrl-C stops it.");
            out.flush();
            try {
                Thread.sleep(up.get().toMillis());
            } catch (InterruptedException e) {
                // Ctrl-C or the caller's interrupt: stop normally; the flag is restored once everything is closed.
                interrupted = true;
            } finally {
                Files.deleteIfExists(tokens);
                if (kubeconfigOut == null) {
                    Files.deleteIfExists(kubeconfig);
                    Files.deleteIfExists(dir);
                }
            }
            out.println("Playground stopped");
            out.flush();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return ExitCode.PASSED;
    }

    private static Path privateDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("chaos-playground-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("chaos-playground-");
    }

    /** The kubeconfig holds the (playground's) token: 0600 from the start, like every credential file we write. */
    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}

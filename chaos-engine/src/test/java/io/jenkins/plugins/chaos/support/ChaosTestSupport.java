package io.jenkins.plugins.chaos.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** What several test classes need: a census of chaos resources, the shared corpus. */
public final class ChaosTestSupport {

    private ChaosTestSupport() {
    }

    /**
     * Every chaos resource on the API server, of every kind the engine knows, in every namespace, whoever made it:
     * "nothing was applied" has to hold for all of them, not only for those carrying our labels.
     */
    public static List<GenericKubernetesResource> allChaosResources(KubernetesClient client) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (ChaosKind kind : ChaosKinds.all()) {
            try {
                out.addAll(ChaosResources.of(client, ChaosKind.API_VERSION, kind.kind()).inAnyNamespace().list().getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }

    public static String names(List<GenericKubernetesResource> resources) {
        return resources.stream().map(r -> r.getKind() + " " + r.getMetadata().getNamespace() + "/"
                + r.getMetadata().getName()).toList().toString();
    }

    /** Polls until the condition holds; false when the time is up. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /**
     * The shared Chaos Mesh corpus. The README places it at {@code ../shared} from the project root; a git worktree
     * sits deeper than the main checkout, so every ancestor of the working directory is tried. The system property
     * {@code chaos.corpus} names it explicitly.
     */
    public static Optional<Path> corpusDir() {
        String explicit = System.getProperty("chaos.corpus");
        if (explicit != null && Files.isDirectory(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("corpus").resolve("chaos-mesh");
            if (Files.isDirectory(candidate.resolve("examples"))) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /**
     * A listener that keeps every line, for assertions on what an on-call engineer would read: {@link #lines()} as the
     * console shows them (warnings prefixed {@code WARNING: }), {@link #infos()} and {@link #warnings()} each on its
     * own and unprefixed. Safe to call from the probes' threads.
     */
    public static final class RecordingListener implements RunListener {
        private record Line(boolean warning, String text) {
            String shown() {
                return warning ? "WARNING: " + text : text;
            }
        }

        private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String line) {
            lines.add(new Line(false, line));
        }

        @Override
        public void warn(String line) {
            lines.add(new Line(true, line));
        }

        /** Every line so far, in order, as the console shows it. */
        public List<String> lines() {
            return snapshot().stream().map(Line::shown).toList();
        }

        /** The {@code info} lines so far, as they were given. */
        public List<String> infos() {
            return snapshot().stream().filter(l -> !l.warning()).map(Line::text).toList();
        }

        /** The {@code warn} lines so far, as they were given (without the console's prefix). */
        public List<String> warnings() {
            return snapshot().stream().filter(Line::warning).map(Line::text).toList();
        }

        public String text() {
            return String.join("\n", lines());
        }

        private List<Line> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }
}

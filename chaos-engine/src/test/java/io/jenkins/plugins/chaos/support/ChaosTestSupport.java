package io.jenkins.plugins.chaos.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.RunListener;
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

    /** A listener that keeps every line, for assertions on what an on-call engineer would read. */
    public static final class RecordingListener implements RunListener {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add("WARNING: " + line);
        }

        public List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        public String text() {
            return String.join("\n", lines());
        }
    }
}

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
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

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

    /** The system property that names the corpus explicitly. */
    public static final String CORPUS_PROPERTY = "chaos.corpus";

    /** Where the corpus is looked for when {@value #CORPUS_PROPERTY} is not set, relative to the project root. */
    public static final String CORPUS_LOCATION = "../shared/corpus/chaos-mesh";

    /**
     * The shared Chaos Mesh corpus. The README places it at {@code ../shared} from the project root; a git worktree
     * sits deeper than the main checkout, so every ancestor of the working directory is tried. The system property
     * {@code chaos.corpus} names it explicitly, and then nothing else is tried: a corpus named but not there is
     * absent (and says so), not replaced by another one.
     */
    public static Optional<Path> corpusDir() {
        String explicit = System.getProperty(CORPUS_PROPERTY);
        if (explicit != null) {
            return Files.isDirectory(Path.of(explicit)) ? Optional.of(Path.of(explicit)) : Optional.empty();
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
     * The corpus, for a test that cannot run without it. When it is absent the calling test is aborted (JUnit reports
     * it as skipped), and first says so on standard error in a banner that stands out in the build log: a skipped
     * schema test must not pass for a checked one. Called from a {@code @BeforeAll} method, it skips the whole class.
     */
    public static Path requireCorpus() {
        Optional<Path> corpus = corpusDir();
        if (corpus.isEmpty()) {
            String test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(frames -> frames.filter(f -> f.getDeclaringClass() != ChaosTestSupport.class).findFirst())
                    .map(f -> testName(f.getDeclaringClass(), f.getMethodName()))
                    .orElse("a test");
            String explicit = System.getProperty(CORPUS_PROPERTY);
            String where = explicit != null ? "-D" + CORPUS_PROPERTY + "=" + explicit : CORPUS_LOCATION;
            String why = "the Chaos Mesh corpus (" + where + ") is not on this machine";
            System.err.println();
            System.err.println("*** SKIPPED: " + test + ": " + why + " ***");
            if (explicit == null) {
                System.err.println("***   (-D" + CORPUS_PROPERTY + "=DIR names another place for it) ***");
            }
            System.err.println();
            System.err.flush();
            Assumptions.abort(why);
        }
        return corpus.get();
    }

    private static String testName(Class<?> testClass, String method) {
        boolean wholeClass = Arrays.stream(testClass.getDeclaredMethods())
                .anyMatch(m -> m.getName().equals(method) && m.isAnnotationPresent(BeforeAll.class));
        return testClass.getSimpleName() + (wholeClass ? " (every test in it)" : "." + method);
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

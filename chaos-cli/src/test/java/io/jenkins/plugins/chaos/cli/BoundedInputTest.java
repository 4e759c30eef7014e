package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.plan.YamlInput;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Inputs that must be refused quickly and without leaking: a device, a pipe, a file far too large (each through a
 * separate JVM limited to 256 MiB of heap, so that "bounded" is measured rather than hoped), hostile paths, a broken
 * kubeconfig holding a token; and what a user of kubectl expects: directories and --help everywhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BoundedInputTest {

    private static final String PARTITION = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: NAME, namespace: tenant-alice}
            spec:
              action: partition
              mode: all
              selector: {namespaces: [tenant-alice]}
              direction: to
              target: {mode: all, selector: {namespaces: [tenant-bob]}}
              duration: 30s
            """;

    private static PlaygroundCluster cluster;
    private static Path kubeconfig;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
        kubeconfig = cluster.writeKubeconfig(shared.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** {@code chaos ARGS} in a fresh JVM with a 256 MiB heap; waits at most 10 s (then kills it and fails). */
    private static CliRun inSmallJvm(Path workDir, String... args) throws Exception {
        return inSmallJvm(Duration.ofSeconds(10), workDir, args);
    }

    private static CliRun inSmallJvm(Duration limit, Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ChaosCli.class.getName()));
        command.addAll(List.of(args));
        Path out = workDir.resolve("child.out");
        Path err = workDir.resolve("child.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long started = System.nanoTime();
        boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        CliRun run = new CliRun(ended ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
        assertTrue(ended, () -> "ended within " + limit.toSeconds() + " s (JVM start included), took " + millis + " ms\n"
                + run);
        return run;
    }

    @Test
    void devZeroIsRefusedAtOnce() throws Exception {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "*** SKIPPED: no /dev/zero ***");
        CliRun validate = inSmallJvm(dir, "validate", zero.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("is not a regular file"), validate::toString);
        CliRun run = inSmallJvm(dir, "run", zero.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("nothing was applied"), run::toString);
    }

    @Test
    void aNamedPipeIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            System.out.println("*** SKIPPED aNamedPipeIsRefusedWithoutBeingOpened: mkfifo not found ***");
            Assumptions.abort("mkfifo not found");
            return;
        }
        assertEquals(0, mkfifo.waitFor());
        CliRun validate = inSmallJvm(dir, "validate", fifo.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("is not a regular file"), validate::toString);
        // As a manifest named by an experiment, too.
        Path experiment = Files.writeString(dir.resolve("experiment.yaml"), "name: t\nfaults:\n  - manifest: pipe.yaml\n");
        CliRun viaExperiment = inSmallJvm(dir, "validate", experiment.toString());
        assertEquals(2, viaExperiment.exit(), viaExperiment::toString);
        assertTrue(viaExperiment.out().contains("faults[0].manifest: manifest file " + fifo + " is not a regular file"),
                viaExperiment::toString);
    }

    @Test
    void aTwentyMegabyteFileIsRefusedBeforeItIsParsed() throws Exception {
        Path big = dir.resolve("big.yaml");
        byte[] line = new byte[20 * 1024 * 1024];
        Arrays.fill(line, (byte) 'a');
        Files.write(big, line);
        CliRun validate = inSmallJvm(dir, "validate", big.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("is 20971520 bytes; at most 8388608 (8 MiB) are read"), validate::toString);
    }

    @Test
    void aFileJustUnderTheLimitIsParsedWithinTheBounds() throws Exception {
        // 8 MiB that gets past the size check and is parsed in full (twice: a manifest or an experiment?)
        Path large = dir.resolve("large.yaml");
        StringBuilder text = new StringBuilder("name: large\ndescription: |\n");
        String line = "  " + "a".repeat(200) + "\n";
        while (text.length() + line.length() < YamlInput.MAX_BYTES - 64) {
            text.append(line);
        }
        Files.writeString(large, text.append("faults: []\n"));
        // parsing 8 MiB takes a few seconds on a quiet machine (see bench/README.md); the bound here is generous
        // because the build machine may be busy
        CliRun validate = inSmallJvm(Duration.ofSeconds(60), dir, "validate", large.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("faults: at least one fault or one probe is required"), validate::toString);
        assertFalse(validate.all().contains("OutOfMemoryError"), validate::toString);
    }

    @Test
    void oneHugeLineIsRefusedBeforeTheParserSlowsDown() throws Exception {
        Path line = dir.resolve("line.yaml");
        Files.writeString(line, "name: \"" + "a".repeat(8 * 1024 * 1024 - 64) + "\"\nfaults: []\n");
        CliRun validate = inSmallJvm(dir, "validate", line.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("line 1 is 8388552 characters long; at most 262144 per line are read"),
                validate::toString);
    }

    @Test
    void yamlErrorsGiveLineAndColumnButNeverTheLine() throws Exception {
        Path manifest = Files.writeString(dir.resolve("m.yaml"), "apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\n"
                + "metadata: {name: m}\nspec:\n  token: sk-live-SECRET-9f8e7d\n   bad: [indent\n");
        Path experiment = Files.writeString(dir.resolve("e.yaml"), "name: t\nfaults:\n  - manifest: m.yaml\n");
        for (Path file : List.of(manifest, experiment)) {
            CliRun validate = cli("validate", file.toString());
            assertEquals(2, validate.exit(), validate::toString);
            assertTrue(validate.out().contains("YAML syntax error in "), validate::toString);
            assertTrue(validate.out().contains("at line 6, column"), validate::toString);
            assertFalse(validate.all().contains("SECRET") || validate.all().contains("bad: [indent"), validate::toString);
        }
    }

    @Test
    void aBrokenKubeconfigIsNeverQuoted() throws Exception {
        Path broken = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nusers:\n"
                + "- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IkJFQVJFUi1TRUNSRVQifQ\n   oops: [\n");
        Path manifest = Files.writeString(dir.resolve("m.yaml"), PARTITION.replace("NAME", "m"));
        CliRun run = cli("run", manifest.toString(), "--kubeconfig", broken.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("YAML syntax error in kubeconfig " + broken), run::toString);
        assertTrue(run.err().contains("at line 7"), run::toString);
        assertFalse(run.all().contains("eyJhbGci") || run.all().contains("oops"), run::toString);
        CliRun sweep = cli("sweep", "--kubeconfig", broken.toString());
        assertFalse(sweep.all().contains("eyJhbGci"), sweep::toString);
    }

    @Test
    void aSymlinkOutOfTheExperimentsDirectoryIsRefused() throws Exception {
        Path outside = Files.writeString(shared.resolve("outside.yaml"), PARTITION.replace("NAME", "outside"));
        Path inside = dir.resolve("experiments");
        Files.createDirectories(inside);
        Files.createSymbolicLink(inside.resolve("link.yaml"), outside);
        Path experiment = Files.writeString(inside.resolve("e.yaml"), "name: t\nfaults:\n  - manifest: link.yaml\n");
        CliRun validate = cli("validate", experiment.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("faults[0].manifest: 'link.yaml' links to a file outside"), validate::toString);
        assertTrue(validate.out().contains("manifest paths must stay inside the experiment's directory"), validate::toString);
    }

    @Test
    void validateAndRunAcceptADirectoryAsKubectlDoes() throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("b-second.yml"), PARTITION.replace("NAME", "second"));
        Files.writeString(manifests.resolve("a-first.yaml"), PARTITION.replace("NAME", "first"));
        Files.writeString(manifests.resolve("notes.txt"), "not YAML: ignored, as kubectl ignores it");
        CliRun validate = cli("validate", manifests.toString());
        assertEquals(0, validate.exit(), validate::toString);
        int first = validate.out().indexOf("OK    " + manifests.resolve("a-first.yaml"));
        int second = validate.out().indexOf("OK    " + manifests.resolve("b-second.yml"));
        assertTrue(first >= 0 && second > first, () -> "each file, in name order\n" + validate);
        assertFalse(validate.out().contains("notes.txt"), validate::toString);

        CliRun run = cli("run", manifests.toString(), "--dry-run", "--kubeconfig", kubeconfig.toString(),
                "--report-dir", dir.resolve("reports").toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("would apply NetworkChaos tenant-alice/first"), run::toString);
        assertTrue(run.out().contains("would apply NetworkChaos tenant-alice/second"), run::toString);
        assertEquals(0, allChaosResources(cluster.client()).size());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = cli("validate", empty.toString());
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.out().contains("holds no *.yaml or *.yml file"), none::toString);
        CliRun runNone = cli("run", empty.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(2, runNone.exit(), runNone::toString);
    }

    @Test
    void aDirectoryWithOneBadFileAppliesNothing() throws Exception {
        Path experiments = Files.createDirectories(dir.resolve("experiments"));
        Files.writeString(experiments.resolve("a.yaml"), PARTITION.replace("NAME", "first"));
        Files.writeString(experiments.resolve("b.yaml"), PARTITION.replace("NAME", "second").replace("30s", "0s"));
        CliRun run = cli("run", experiments.toString(), "--kubeconfig", kubeconfig.toString(),
                "--allow-namespace", "tenant-alice", "--allow-namespace", "tenant-bob");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("spec.duration: must be longer than 0s"), run::toString);
        assertEquals(0, allChaosResources(cluster.client()).size(), "the valid file was not applied either");
    }

    @TestFactory
    Stream<DynamicTest> everySubcommandAnswersHelp() {
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new ChaosCli()), new ArrayList<>(), commands);
        assertTrue(commands.size() >= 6, commands::toString);
        return commands.stream().map(command -> DynamicTest.dynamicTest(String.join(" ", command) + " --help", () -> {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun help = cli(args.toArray(String[]::new));
            assertEquals(0, help.exit(), help::toString);
            assertTrue(help.out().contains("Usage: chaos"), help::toString);
        }));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias of a command already listed
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }
}

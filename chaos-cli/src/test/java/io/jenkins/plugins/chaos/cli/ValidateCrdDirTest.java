package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaos validate --crd-dir DIR}: the offline schema check, against the real Chaos Mesh CRDs of the corpus. */
class ValidateCrdDirTest {

    private static final Optional<Path> CORPUS = ChaosTestSupport.corpusDir();

    private static final String BROKEN = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: slow-provider, namespace: inference}
            spec:
              action: delay
              mode: all
              selector: {namespaces: [inference], labelSelectors: {app: provider-primary}}
              delay: {latency: 2s}
              device: 100
              duration: 1m
              directon: both
            """;

    @TempDir
    Path dir;

    @Test
    void aManifestTheCrdRejectsExitsTwoNamingEachField() throws Exception {
        ChaosTestSupport.requireCorpus();
        Path file = Files.writeString(dir.resolve("broken.yaml"), BROKEN);
        // Without the CRDs the engine's own (Chaos Mesh webhook) checks find nothing wrong: it is the schema that
        // catches a field typed wrongly where no webhook looks, and a misspelt field.
        CliRun plain = cli("validate", file.toString());
        assertEquals(0, plain.exit(), plain::toString);

        CliRun run = cli("validate", file.toString(), "--crd-dir", CORPUS.get().resolve("crd").toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.out().contains("INVALID " + file + " (2 problem(s))"), run::toString);
        assertTrue(run.out().contains("faults[0].manifest(broken.yaml#1).spec.device: must be a string, not an "
                + "integer (100)"), run::toString);
        assertTrue(run.out().contains("faults[0].manifest(broken.yaml#1).spec.directon: unknown field 'directon'"),
                run::toString);
        assertFalse(run.all().contains("Exception") || run.all().contains("\tat "), run::toString);
    }

    @Test
    void theProjectsExamplesAndCorpusExamplesPass() throws Exception {
        ChaosTestSupport.requireCorpus();
        List<String> args = new ArrayList<>(List.of("validate", "--crd-dir", CORPUS.get().resolve("crd").toString()));
        try (Stream<Path> examples = Files.list(Path.of("..", "examples", "chaos-mesh"))) {
            examples.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> args.add(f.toString()));
        }
        assertTrue(args.size() >= 6, args::toString);
        for (String corpusExample : List.of("network-delay-example.yaml", "pod-kill-example.yaml", "burn-cpu.yaml",
                "schedule-podchaos.yaml", "workflow__serial.yaml")) {
            args.add(CORPUS.get().resolve("examples").resolve(corpusExample).toString());
        }
        CliRun run = cli(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run::toString);
        assertFalse(run.out().contains("not checked against a schema"), run::toString);
    }

    @Test
    void aKindWithoutACrdInTheDirectoryIsSaidToBeUnchecked() throws Exception {
        // A CRD written here (PodChaos only, any spec), so this needs no corpus.
        Path crds = Files.createDirectory(dir.resolve("crds"));
        Files.writeString(crds.resolve("podchaos.yaml"), """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: chaos-mesh}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: podchaos.chaos-mesh.org}
                spec:
                  group: chaos-mesh.org
                  names: {kind: PodChaos, plural: podchaos, singular: podchaos, listKind: PodChaosList}
                  scope: Namespaced
                  versions:
                    - name: v1alpha1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """);
        Path file = Files.writeString(dir.resolve("slow.yaml"), BROKEN);
        CliRun run = cli("validate", file.toString(), "--crd-dir", crds.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("no CRD in " + crds + " for NetworkChaos: not checked against a schema"), run::toString);
    }

    @Test
    void aDirectoryWithoutCrdsIsInvalidInput() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Path file = Files.writeString(dir.resolve("slow.yaml"), BROKEN);
        CliRun run = cli("validate", file.toString(), "--crd-dir", empty.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.out().contains("--crd-dir: " + empty + " holds no CustomResourceDefinition"), run::toString);

        CliRun missing = cli("validate", file.toString(), "--crd-dir", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.out().contains("--crd-dir: " + dir.resolve("nowhere") + " is not a directory"), missing::toString);
    }
}

package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads what a user points the CLI at: an experiment file, or a plain Chaos Mesh manifest, which is taken as an
 * experiment with that one manifest as its fault so that both go through the same validation and guardrails.
 */
public final class ExperimentFiles {

    private ExperimentFiles() {
    }

    public static LoadResult load(Path file) {
        return load(file, PlanLimits.none());
    }

    /**
     * What a path names, as {@code kubectl apply -f} reads it: the file itself, or every {@code *.yaml} and
     * {@code *.yml} of a directory (not its sub-directories) in name order.
     *
     * @throws YamlInput.Refused when the directory cannot be listed or holds no such file
     */
    public static List<Path> expand(Path path) throws YamlInput.Refused {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(path)) {
            files = listed.filter(f -> {
                String name = f.getFileName().toString();
                return (name.endsWith(".yaml") || name.endsWith(".yml")) && !Files.isDirectory(f);
            }).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new YamlInput.Refused("cannot list directory " + path + ": " + e.getClass().getSimpleName());
        }
        if (files.isEmpty()) {
            throw new YamlInput.Refused("directory " + path + " holds no *.yaml or *.yml file");
        }
        return files;
    }

    /**
     * What {@code chaos run PATH} runs. A directory of plain manifests is one experiment with every manifest as a
     * fault, applied together as kubectl would; a directory with experiment files runs each of them, in name order.
     */
    public static List<LoadedFile> loadForRun(Path path, PlanLimits limits) {
        List<Path> files;
        try {
            files = expand(path);
        } catch (YamlInput.Refused e) {
            return List.of(new LoadedFile(path, ExperimentLoader.refused(e)));
        }
        if (files.size() > 1 && files.stream().allMatch(ExperimentFiles::holdsManifest)) {
            Experiment experiment = new Experiment();
            experiment.setName(path.toAbsolutePath().normalize().getFileName().toString());
            experiment.setBaseDir(path.toAbsolutePath().normalize().toString());
            List<FaultSpec> faults = new ArrayList<>();
            for (Path file : files) {
                FaultSpec fault = new FaultSpec();
                fault.setManifest(file.getFileName().toString());
                faults.add(fault);
            }
            experiment.setFaults(faults);
            return List.of(new LoadedFile(path, ExperimentLoader.planned(experiment, limits)));
        }
        List<LoadedFile> out = new ArrayList<>();
        for (Path file : files) {
            out.add(new LoadedFile(file, load(file, limits)));
        }
        return out;
    }

    private static boolean holdsManifest(Path file) {
        try {
            return isManifest(YamlInput.read(file, "manifest file"));
        } catch (YamlInput.Refused e) {
            return false;
        }
    }

    /** Reads the file once, to tell a manifest from an experiment and to load the experiment. */
    public static LoadResult load(Path file, PlanLimits limits) {
        String text;
        try {
            text = YamlInput.read(file, "experiment file");
        } catch (YamlInput.Refused e) {
            return ExperimentLoader.refused(e);
        }
        if (isManifest(text)) {
            Experiment experiment = new Experiment();
            experiment.setName(file.getFileName().toString());
            experiment.setBaseDir(ExperimentLoader.baseDir(file));
            FaultSpec fault = new FaultSpec();
            fault.setManifest(file.getFileName().toString());
            experiment.setFaults(List.of(fault));
            return ExperimentLoader.planned(experiment, limits);
        }
        return ExperimentLoader.fromText(file, text, limits);
    }

    /** A file whose first non-empty document has apiVersion and kind is a Kubernetes manifest, not an experiment. */
    static boolean isManifest(String text) {
        try {
            for (JsonNode doc : YamlInput.documents(text, "")) {
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    return doc.has("apiVersion") && doc.has("kind");
                }
            }
        } catch (YamlInput.Refused e) {
            // Broken YAML: the experiment loader reports it with line and column.
        }
        return false;
    }

    /** What would be applied, one resource per line, for {@code chaos validate}. */
    public static String describe(ExperimentPlan plan) {
        StringBuilder out = new StringBuilder("experiment '" + plan.name() + "'");
        for (PlannedFault fault : plan.forRun("validate").faults()) {
            out.append("\n        ").append(fault.describe());
        }
        return out.toString();
    }
}

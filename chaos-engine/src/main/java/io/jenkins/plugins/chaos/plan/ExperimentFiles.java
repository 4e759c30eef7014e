package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.nio.file.Path;
import java.util.List;

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

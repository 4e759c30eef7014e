package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.ExperimentBinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment from YAML or from Pipeline step arguments (the same keys), binds it and plans it: the one
 * validation of a run. Never throws for bad input: every problem comes back in the {@link LoadResult}, and the plan
 * with it when there is none.
 */
public final class ExperimentLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentLoader() {
    }

    public static LoadResult fromFile(Path file) {
        return fromFile(file, PlanLimits.none());
    }

    public static LoadResult fromFile(Path file, PlanLimits limits) {
        String text;
        try {
            text = YamlInput.read(file, "experiment file");
        } catch (YamlInput.Refused e) {
            return refused(e);
        }
        return fromText(file, text, limits);
    }

    /** A file already read: relative {@code manifest:} paths resolve against its directory. */
    static LoadResult fromText(Path file, String text, PlanLimits limits) {
        return fromYaml(text, file.toString(), baseDir(file), limits);
    }

    static LoadResult refused(YamlInput.Refused e) {
        return new LoadResult(null, List.of(new ValidationError("", e.getMessage())));
    }

    static String baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? "." : parent.toString();
    }

    public static LoadResult fromYaml(String yaml, String source) {
        return fromYaml(yaml, source, ".");
    }

    /** @param baseDir where relative {@code manifest:} paths resolve */
    public static LoadResult fromYaml(String yaml, String source, String baseDir) {
        return fromYaml(yaml, source, baseDir, PlanLimits.none());
    }

    public static LoadResult fromYaml(String yaml, String source, String baseDir, PlanLimits limits) {
        JsonNode root;
        try {
            root = YamlInput.document(yaml, source);
        } catch (YamlInput.Refused e) {
            return refused(e);
        }
        return bind(root, baseDir, limits);
    }

    public static LoadResult fromMap(Map<String, Object> values, String source) {
        return fromMap(values, source, ".");
    }

    /** Pipeline step arguments: the same keys as the YAML file. */
    public static LoadResult fromMap(Map<String, Object> values, String source, String baseDir) {
        return fromMap(values, source, baseDir, PlanLimits.none());
    }

    public static LoadResult fromMap(Map<String, Object> values, String source, String baseDir, PlanLimits limits) {
        return bind(JSON.valueToTree(values), baseDir, limits);
    }

    /**
     * A Pipeline step: its arguments over the keys of the experiment file it names ({@code experiment: chaos.yaml}), so
     * that a job can reuse a file and change one thing. The file must be a YAML map; its problems and the merged
     * experiment's are reported together.
     *
     * @param yaml the experiment file's text, or null when the step names none
     */
    public static LoadResult fromStepArguments(Map<String, Object> arguments, String yaml, String source, String baseDir,
                                               PlanLimits limits) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (yaml != null) {
            JsonNode fromFile;
            try {
                fromFile = YamlInput.document(yaml, source);
            } catch (YamlInput.Refused e) {
                return new LoadResult(null, List.of(new ValidationError("experiment", e.getMessage())));
            }
            if (fromFile != null && !fromFile.isNull() && !fromFile.isMissingNode()) {
                if (!fromFile.isObject()) {
                    return new LoadResult(null, List.of(new ValidationError("experiment", source
                            + " is not a YAML map of experiment keys")));
                }
                merged.putAll(JSON.convertValue(fromFile, new TypeReference<Map<String, Object>>() {
                }));
            }
        }
        merged.putAll(arguments);
        return fromMap(merged, source, baseDir, limits);
    }

    /** An experiment built in code (a plain manifest taken as an experiment): planned, nothing to bind. */
    static LoadResult planned(Experiment experiment, PlanLimits limits) {
        return ExperimentPlanner.plan(experiment, limits);
    }

    private static LoadResult bind(JsonNode root, String baseDir, PlanLimits limits) {
        List<ValidationError> errors = new ArrayList<>();
        Experiment experiment = new ExperimentBinder(errors).bind(root);
        experiment.setBaseDir(baseDir);
        if (root == null || !root.isObject()) {
            return new LoadResult(experiment, errors);
        }
        // Shape problems and semantic problems are reported together; a field the binder already complained
        // about is not reported a second time as "missing".
        List<String> reported = errors.stream().map(ValidationError::field).toList();
        LoadResult planned = ExperimentPlanner.plan(experiment, limits);
        for (ValidationError error : planned.errors()) {
            if (reported.stream().noneMatch(field -> error.field().equals(field) || error.field().startsWith(field + "."))) {
                errors.add(error);
            }
        }
        return new LoadResult(experiment, errors, planned.plan());
    }
}

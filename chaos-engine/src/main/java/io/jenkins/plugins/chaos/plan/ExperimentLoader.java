package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.ExperimentBinder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment from YAML or from Pipeline step arguments (the same keys) and validates it completely.
 * Never throws for bad input: every problem comes back in the {@link LoadResult}.
 */
public final class ExperimentLoader {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentLoader() {
    }

    public static LoadResult fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new LoadResult(null, List.of(new ValidationError("", "cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
        }
        Path parent = file.toAbsolutePath().getParent();
        return fromYaml(text, file.toString(), parent == null ? "." : parent.toString());
    }

    public static LoadResult fromYaml(String yaml, String source) {
        return fromYaml(yaml, source, ".");
    }

    /** @param baseDir where relative {@code manifest:} paths resolve */
    public static LoadResult fromYaml(String yaml, String source, String baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml == null ? "" : yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return new LoadResult(null, List.of(new ValidationError("", "YAML syntax error in " + source + where + ": "
                    + e.getOriginalMessage())));
        }
        return bind(root, baseDir);
    }

    public static LoadResult fromMap(Map<String, Object> values, String source) {
        return fromMap(values, source, ".");
    }

    /** Pipeline step arguments: the same keys as the YAML file. */
    public static LoadResult fromMap(Map<String, Object> values, String source, String baseDir) {
        return bind(JSON.valueToTree(values), baseDir);
    }

    private static LoadResult bind(JsonNode root, String baseDir) {
        List<ValidationError> errors = new ArrayList<>();
        Experiment experiment = new ExperimentBinder(errors).bind(root);
        experiment.setBaseDir(baseDir);
        if (root == null || !root.isObject()) {
            return new LoadResult(experiment, errors);
        }
        // Shape problems and semantic problems are reported together; a field the binder already complained
        // about is not reported a second time as "missing".
        List<String> reported = errors.stream().map(ValidationError::field).toList();
        for (ValidationError error : ExperimentValidator.validate(experiment)) {
            if (reported.stream().noneMatch(field -> error.field().equals(field) || error.field().startsWith(field + "."))) {
                errors.add(error);
            }
        }
        return new LoadResult(experiment, errors);
    }
}

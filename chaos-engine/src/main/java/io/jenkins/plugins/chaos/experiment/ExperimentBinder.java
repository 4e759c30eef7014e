package io.jenkins.plugins.chaos.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Turns a parsed experiment tree into an {@link Experiment}, recording every shape problem by field path. */
public final class ExperimentBinder {

    static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "environment", "namespace",
            "allowedNamespaces", "maxDuration", "hold", "injectionTimeout", "recoveryTimeout", "abortOn", "faults", "probes", "scoring", "stopWhen");
    static final List<String> STOP_KEYS = List.of("prometheus", "query", "above", "http", "every");
    static final List<String> SCORING_KEYS = List.of("weights", "minScore", "isolationSuccessPercent");

    private final TreeReader reader;

    public ExperimentBinder(List<ValidationError> errors) {
        this.reader = new TreeReader(errors);
    }

    public Experiment bind(JsonNode root) {
        Experiment experiment = new Experiment();
        if (root == null || root.isNull() || root.isMissingNode()) {
            reader.error("", "the experiment is empty; it needs at least 'name' and 'faults'");
            return experiment;
        }
        if (!root.isObject()) {
            reader.error("", "an experiment must be a map of keys (name, faults, ...), not " + TreeReader.describe(root));
            return experiment;
        }
        reader.rejectUnknownKeys(root, TOP_LEVEL_KEYS, "");
        experiment.setName(reader.text(root, "name", ""));
        experiment.setDescription(reader.text(root, "description", ""));
        setIfPresent(reader.text(root, "environment", ""), experiment::setEnvironment);
        setIfPresent(reader.text(root, "namespace", ""), experiment::setNamespace);
        experiment.setAllowedNamespaces(reader.textList(root, "allowedNamespaces", ""));
        setIfPresent(reader.text(root, "maxDuration", ""), experiment::setMaxDuration);
        setIfPresent(reader.text(root, "hold", ""), experiment::setHold);
        setIfPresent(reader.text(root, "injectionTimeout", ""), experiment::setInjectionTimeout);
        setIfPresent(reader.text(root, "recoveryTimeout", ""), experiment::setRecoveryTimeout);
        setIfPresent(reader.text(root, "abortOn", ""), experiment::setAbortOn);
        experiment.setFaults(bindFaults(root.get("faults")));
        experiment.setProbes(new ProbesBinder(reader).bind(root));
        bindScoring(root, experiment);
        experiment.setStopWhen(bindStopWhen(root.get("stopWhen")));
        return experiment;
    }

    private List<FaultSpec> bindFaults(JsonNode node) {
        List<FaultSpec> faults = new ArrayList<>();
        if (node == null || node.isNull()) {
            return faults;
        }
        if (node.isObject()) {
            // A single fault written without the list dash is common enough to accept.
            faults.add(bindFault(node, "faults[0]"));
            return faults;
        }
        if (!node.isArray()) {
            reader.error("faults", "must be a list of faults, not " + TreeReader.describe(node));
            return faults;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = TreeReader.index("faults", i);
            if (!item.isObject()) {
                reader.error(path, "a fault must be a map (kind, action, duration, selector, ...), not "
                        + TreeReader.describe(item));
                faults.add(new FaultSpec());
                continue;
            }
            faults.add(bindFault(item, path));
        }
        return faults;
    }

    private FaultSpec bindFault(JsonNode item, String path) {
        FaultSpec fault = new FaultSpec();
        fault.setName(reader.text(item, "name", path));
        fault.setKind(reader.text(item, "kind", path));
        fault.setAction(reader.text(item, "action", path));
        fault.setDuration(reader.text(item, "duration", path));
        fault.setMode(reader.text(item, "mode", path));
        fault.setValue(reader.text(item, "value", path));
        fault.setNamespace(reader.text(item, "namespace", path));
        fault.setSelector(reader.map(item, "selector", path));
        fault.setManifest(reader.text(item, "manifest", path));
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (!FaultSpec.COMMON_KEYS.contains(field.getKey())) {
                parameters.put(field.getKey(), TreeReader.toPlain(field.getValue()));
            }
        }
        fault.setParameters(parameters);
        FaultShorthands.expand(fault, path, reader.errors());
        return fault;
    }

    private List<StopConditionSpec> bindStopWhen(JsonNode node) {
        List<StopConditionSpec> conditions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return conditions;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isObject()) {
            items.add(node);
        } else if (node.isArray()) {
            node.forEach(items::add);
        } else {
            reader.error("stopWhen", "must be a map {prometheus, query, above} or {http}, or a list of them, not "
                    + TreeReader.describe(node));
            return conditions;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String path = TreeReader.index("stopWhen", i);
            if (!item.isObject()) {
                reader.error(path, "a stop condition must be a map {prometheus, query, above} or {http}, not "
                        + TreeReader.describe(item));
                continue;
            }
            reader.rejectUnknownKeys(item, STOP_KEYS, path);
            conditions.add(new StopConditionSpec(reader.text(item, "prometheus", path), reader.text(item, "query", path),
                    reader.decimal(item, "above", path), reader.text(item, "http", path),
                    reader.text(item, "every", path)));
        }
        return conditions;
    }

    private void bindScoring(JsonNode root, Experiment experiment) {
        JsonNode scoring = reader.object(root, "scoring", "");
        if (scoring == null) {
            return;
        }
        reader.rejectUnknownKeys(scoring, SCORING_KEYS, "scoring");
        experiment.setMinScore(reader.decimal(scoring, "minScore", "scoring"));
        Double isolation = reader.decimal(scoring, "isolationSuccessPercent", "scoring");
        if (isolation != null) {
            experiment.setIsolationSuccessPercent(isolation);
        }
        JsonNode weights = reader.object(scoring, "weights", "scoring");
        if (weights != null) {
            Map<String, Double> out = new LinkedHashMap<>();
            weights.fieldNames().forEachRemaining(probe -> {
                Double weight = reader.decimal(weights, probe, "scoring.weights");
                if (weight != null) {
                    out.put(probe, weight);
                }
            });
            experiment.setScoreWeights(out);
        }
    }

    private static void setIfPresent(String value, Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}

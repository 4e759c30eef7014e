package io.jenkins.plugins.chaos.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.core.DidYouMean;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of a parsed YAML/JSON tree and, instead of stopping at the first problem as a data-binding
 * library does, records every problem with its field path. That is what lets {@code chaos validate} list all
 * mistakes of a file in one go.
 */
final class TreeReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ValidationError> errors;

    TreeReader(List<ValidationError> errors) {
        this.errors = errors;
    }

    List<ValidationError> errors() {
        return errors;
    }

    void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Reports keys that are not among the allowed ones, suggesting the closest allowed key. */
    void rejectUnknownKeys(JsonNode object, Collection<String> allowed, String path) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                String suggestion = closest(key, allowed);
                error(child(path, key), "unknown key" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                        + "; allowed keys: " + String.join(", ", allowed));
            }
        }
    }

    String text(JsonNode object, String key, String path) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            error(child(path, key), "must be a single value, not " + describe(node));
            return null;
        }
        return node.asText();
    }

    /** A list of texts; a single text is taken as a list of one, as Jenkinsfile authors often write it. */
    List<String> textList(JsonNode object, String key, String path) {
        JsonNode node = object.get(key);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (!node.isArray()) {
            error(child(path, key), "must be a list of values, not " + describe(node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isValueNode() || item.isNull()) {
                error(index(child(path, key), i), "must be a single value, not " + describe(item));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    Integer integer(JsonNode object, String key, String path) {
        String text = text(object, key, path);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            error(child(path, key), "'" + text + "' is not a whole number");
            return null;
        }
    }

    Double decimal(JsonNode object, String key, String path) {
        String text = text(object, key, path);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            error(child(path, key), "'" + text + "' is not a number");
            return null;
        }
    }

    Boolean bool(JsonNode object, String key, String path) {
        String text = text(object, key, path);
        if (text == null) {
            return null;
        }
        if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
            error(child(path, key), "'" + text + "' is not true or false");
            return null;
        }
        return Boolean.valueOf(text);
    }

    List<Integer> integerList(JsonNode object, String key, String path) {
        List<Integer> out = new ArrayList<>();
        List<String> texts = textList(object, key, path);
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(Integer.valueOf(texts.get(i).trim()));
            } catch (NumberFormatException e) {
                error(index(child(path, key), i), "'" + texts.get(i) + "' is not a whole number");
            }
        }
        return out;
    }

    /** The object under {@code key}, or null (with an error when it is there but not a map). */
    JsonNode object(JsonNode parent, String key, String path) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(child(path, key), "must be a map of keys, not " + describe(node));
            return null;
        }
        return node;
    }

    Map<String, Object> map(JsonNode object, String key, String path) {
        JsonNode node = object.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            error(child(path, key), "must be a map of keys to values, not " + describe(node));
            return null;
        }
        return toMap(node);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }

    static Object toPlain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return "'" + node.asText() + "'";
    }

    static String closest(String key, Collection<String> allowed) {
        return DidYouMean.closest(key, allowed);
    }
}

package io.jenkins.plugins.chaos.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceValidation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Checks a custom resource against the structural OpenAPI v3 schema of its CustomResourceDefinition, the way the API
 * server would, before anything is applied. Unknown fields are errors rather than silently dropped: the API server
 * prunes them, and the fault that runs would then not be the one that was written.
 *
 * <p>Paths continue the caller's origin ({@code faults[1].manifest(outage.yaml#1)}) with the resource's own fields
 * ({@code .spec.selector.mode}, {@code .spec.containerNames[0]}). Values are echoed only for enums and numbers: a
 * free-text field may hold a header or a token, and an error message must never carry one.
 */
public final class CrdSchemaValidator {

    /** Fields every resource (and every embedded resource) has whatever its schema says; the API server owns metadata. */
    private static final Set<String> OBJECT_ENVELOPE = Set.of("apiVersion", "kind", "metadata");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final BigDecimal INT32_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final int SHOWN_ENUM_VALUE = 64;
    private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

    private final List<ValidationError> errors;

    private CrdSchemaValidator(List<ValidationError> errors) {
        this.errors = errors;
    }

    /** The schema of {@code version} in the CRD; empty when the CRD has no such version or no schema for it. */
    public static Optional<JSONSchemaProps> schemaOf(CustomResourceDefinition crd, String version) {
        return versionOf(crd, version).map(CustomResourceDefinitionVersion::getSchema)
                .map(CustomResourceValidation::getOpenAPIV3Schema);
    }

    /**
     * Every problem of {@code resource} against the CRD's schema for the resource's version.
     *
     * @param origin prefix of each error's path, e.g. {@code faults[0]}
     * @throws IllegalArgumentException when the CRD defines another kind (a caller's mistake, not the user's)
     */
    public static List<ValidationError> validate(CustomResourceDefinition crd, GenericKubernetesResource resource,
                                                 String origin) {
        String kind = crd.getSpec().getNames().getKind();
        if (!kind.equals(resource.getKind())) {
            throw new IllegalArgumentException("CRD " + crd.getMetadata().getName() + " defines " + kind + ", not "
                    + resource.getKind());
        }
        String apiVersion = resource.getApiVersion() == null ? "" : resource.getApiVersion();
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Optional<CustomResourceDefinitionVersion> served = versionOf(crd, version)
                .filter(v -> !Boolean.FALSE.equals(v.getServed()));
        if (served.isEmpty()) {
            List<String> versions = crd.getSpec().getVersions().stream()
                    .filter(v -> !Boolean.FALSE.equals(v.getServed())).map(CustomResourceDefinitionVersion::getName).toList();
            return List.of(new ValidationError(origin + ".apiVersion", "version '" + version + "' of " + kind
                    + " is not served by CRD " + crd.getMetadata().getName() + "; allowed: "
                    + versions.stream().map(v -> crd.getSpec().getGroup() + "/" + v).collect(Collectors.joining(", "))));
        }
        JSONSchemaProps schema = served.map(CustomResourceDefinitionVersion::getSchema)
                .map(CustomResourceValidation::getOpenAPIV3Schema).orElse(null);
        if (schema == null) {
            return List.of();
        }
        JsonNode tree = ChaosResources.SERIALIZATION.convertValue(resource, JsonNode.class);
        return validateResource(schema, tree, origin);
    }

    /** Every problem of a whole resource (apiVersion, kind, metadata, spec, ...) against a CRD version's root schema. */
    public static List<ValidationError> validateResource(JSONSchemaProps rootSchema, JsonNode resource, String origin) {
        List<ValidationError> found = new ArrayList<>();
        new CrdSchemaValidator(found).check(rootSchema, resource, origin, true, true);
        return found;
    }

    /** Every problem of one value (a spec, a list item) against a schema node, pruning as the API server would. */
    public static List<ValidationError> validateValue(JSONSchemaProps schema, JsonNode value, String path) {
        List<ValidationError> found = new ArrayList<>();
        new CrdSchemaValidator(found).check(schema, value, path, true, false);
        return found;
    }

    private static Optional<CustomResourceDefinitionVersion> versionOf(CustomResourceDefinition crd, String version) {
        if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            return Optional.empty();
        }
        return crd.getSpec().getVersions().stream().filter(v -> version.equals(v.getName())).findFirst();
    }

    /**
     * @param prune    whether unknown fields are reported: true along the structural schema, false inside anyOf,
     *                 allOf, oneOf and not, which constrain values but never decide what the API server keeps
     * @param envelope whether this object is a resource (the root or an embedded resource), whose apiVersion, kind
     *                 and metadata are always allowed and whose metadata is the API server's to check
     */
    private void check(JSONSchemaProps schema, JsonNode value, String path, boolean prune, boolean envelope) {
        if (schema == null) {
            return;
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            if (!Boolean.TRUE.equals(schema.getNullable()) && hasType(schema)) {
                errors.add(new ValidationError(path, "must not be null; expected " + expected(schema)));
            }
            return;
        }
        if (!typeMatches(schema, value)) {
            errors.add(new ValidationError(path, "must be " + expected(schema) + ", not " + describe(value)));
            return;
        }
        checkEnum(schema, value, path);
        if (value.isTextual()) {
            checkString(schema, value.textValue(), path);
        } else if (value.isNumber()) {
            checkNumber(schema, value.decimalValue(), path);
        } else if (value.isArray()) {
            checkArray(schema, value, path, prune);
        } else if (value.isObject()) {
            checkObject(schema, value, path, prune, envelope || Boolean.TRUE.equals(schema.getXKubernetesEmbeddedResource()));
        }
        checkCombinators(schema, value, path);
    }

    private static boolean hasType(JSONSchemaProps schema) {
        return Boolean.TRUE.equals(schema.getXKubernetesIntOrString())
                || (schema.getType() != null && !schema.getType().isEmpty());
    }

    private static boolean typeMatches(JSONSchemaProps schema, JsonNode value) {
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            return value.isTextual() || isInteger(value);
        }
        String type = schema.getType();
        if (type == null || type.isEmpty()) {
            return true;
        }
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> isInteger(value);
            case "number" -> value.isNumber();
            default -> true;
        };
    }

    /** JSON has only numbers: 3.0 is an integer to the API server, as it decodes every number to float64 first. */
    private static boolean isInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal decimal = value.decimalValue();
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }

    private static String expected(JSONSchemaProps schema) {
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            return "an integer or a string";
        }
        return switch (schema.getType() == null ? "" : schema.getType()) {
            case "object" -> "a map (object)";
            case "array" -> "a list (array)";
            case "string" -> "a string";
            case "boolean" -> "a boolean (true or false)";
            case "integer" -> "an integer";
            case "number" -> "a number";
            default -> "a value";
        };
    }

    /** What the value is, without echoing free text that could be a secret. */
    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value.booleanValue() + ")";
        }
        if (value.isNumber()) {
            return (isInteger(value) ? "an integer (" : "a number (") + plain(value.decimalValue()) + ")";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a map";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private void checkEnum(JSONSchemaProps schema, JsonNode value, String path) {
        List<JsonNode> allowed = schema.getEnum();
        if (allowed == null || allowed.isEmpty()) {
            return;
        }
        for (JsonNode candidate : allowed) {
            if (sameValue(candidate, value)) {
                return;
            }
        }
        String shown = value.isTextual() ? "'" + abbreviate(value.textValue()) + "'" : value.toString();
        errors.add(new ValidationError(path, shown + " is not allowed; allowed: "
                + allowed.stream().map(n -> n.isTextual() ? n.textValue() : n.toString()).collect(Collectors.joining(", "))));
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private void checkString(JSONSchemaProps schema, String text, String path) {
        long length = text.codePointCount(0, text.length());
        if (schema.getMinLength() != null && length < schema.getMinLength()) {
            errors.add(new ValidationError(path, "must be at least " + schema.getMinLength() + " character(s) long, is "
                    + length));
        }
        if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
            errors.add(new ValidationError(path, "must be at most " + schema.getMaxLength() + " character(s) long, is "
                    + length));
        }
        if (schema.getPattern() != null) {
            // A pattern the JVM cannot compile is the CRD's problem, and the API server still checks it.
            Optional<Pattern> pattern = PATTERNS.computeIfAbsent(schema.getPattern(), CrdSchemaValidator::compile);
            if (pattern.isPresent() && !pattern.get().matcher(text).find()) {
                errors.add(new ValidationError(path, "does not match the pattern " + schema.getPattern()));
            }
        }
    }

    private static Optional<Pattern> compile(String regex) {
        try {
            return Optional.of(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    private void checkNumber(JSONSchemaProps schema, BigDecimal number, String path) {
        if (schema.getMinimum() != null) {
            BigDecimal min = BigDecimal.valueOf(schema.getMinimum());
            boolean exclusive = Boolean.TRUE.equals(schema.getExclusiveMinimum());
            int cmp = number.compareTo(min);
            if (cmp < 0 || (exclusive && cmp == 0)) {
                errors.add(new ValidationError(path, "must be " + (exclusive ? "> " : ">= ") + plain(min) + ", is "
                        + plain(number)));
            }
        }
        if (schema.getMaximum() != null) {
            BigDecimal max = BigDecimal.valueOf(schema.getMaximum());
            boolean exclusive = Boolean.TRUE.equals(schema.getExclusiveMaximum());
            int cmp = number.compareTo(max);
            if (cmp > 0 || (exclusive && cmp == 0)) {
                errors.add(new ValidationError(path, "must be " + (exclusive ? "< " : "<= ") + plain(max) + ", is "
                        + plain(number)));
            }
        }
        if (schema.getMultipleOf() != null && schema.getMultipleOf() > 0
                && number.remainder(BigDecimal.valueOf(schema.getMultipleOf())).signum() != 0) {
            errors.add(new ValidationError(path, "must be a multiple of " + plain(BigDecimal.valueOf(schema.getMultipleOf()))
                    + ", is " + plain(number)));
        }
        if ("int32".equals(schema.getFormat()) && (number.compareTo(INT32_MIN) < 0 || number.compareTo(INT32_MAX) > 0)) {
            errors.add(new ValidationError(path, plain(number) + " does not fit in int32 (" + Integer.MIN_VALUE + ".."
                    + Integer.MAX_VALUE + ")"));
        }
        if ("int64".equals(schema.getFormat()) && (number.compareTo(INT64_MIN) < 0 || number.compareTo(INT64_MAX) > 0)) {
            errors.add(new ValidationError(path, plain(number) + " does not fit in int64"));
        }
    }

    private void checkArray(JSONSchemaProps schema, JsonNode list, String path, boolean prune) {
        int size = list.size();
        if (schema.getMinItems() != null && size < schema.getMinItems()) {
            errors.add(new ValidationError(path, "must have at least " + schema.getMinItems() + " item(s), has " + size));
        }
        if (schema.getMaxItems() != null && size > schema.getMaxItems()) {
            errors.add(new ValidationError(path, "must have at most " + schema.getMaxItems() + " item(s), has " + size));
        }
        JSONSchemaProps items = schema.getItems() == null ? null : schema.getItems().getSchema();
        List<JSONSchemaProps> tuple = schema.getItems() == null ? null : schema.getItems().getJSONSchemas();
        for (int i = 0; i < size; i++) {
            JSONSchemaProps itemSchema = items;
            if (itemSchema == null && tuple != null && i < tuple.size()) {
                itemSchema = tuple.get(i);
            }
            check(itemSchema, list.get(i), path + "[" + i + "]", prune, false);
        }
    }

    private void checkObject(JSONSchemaProps schema, JsonNode object, String path, boolean prune, boolean envelope) {
        Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        if (schema.getRequired() != null) {
            for (String required : schema.getRequired()) {
                if (!object.has(required)) {
                    errors.add(new ValidationError(child(path, required), "is required"));
                }
            }
        }
        if (schema.getMinProperties() != null && object.size() < schema.getMinProperties()) {
            errors.add(new ValidationError(path, "must have at least " + schema.getMinProperties() + " field(s), has "
                    + object.size()));
        }
        if (schema.getMaxProperties() != null && object.size() > schema.getMaxProperties()) {
            errors.add(new ValidationError(path, "must have at most " + schema.getMaxProperties() + " field(s), has "
                    + object.size()));
        }
        boolean preserveUnknown = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
        JSONSchemaProps additionalSchema = schema.getAdditionalProperties() == null ? null
                : schema.getAdditionalProperties().getSchema();
        Boolean additionalAllowed = schema.getAdditionalProperties() == null ? null
                : schema.getAdditionalProperties().getAllows();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = field.getKey();
            String where = child(path, key);
            if (envelope && OBJECT_ENVELOPE.contains(key)) {
                if (!"metadata".equals(key)) {
                    check(properties.get(key), field.getValue(), where, prune, false);
                }
                continue;
            }
            JSONSchemaProps property = properties.get(key);
            if (property != null) {
                check(property, field.getValue(), where, prune, false);
            } else if (additionalSchema != null) {
                check(additionalSchema, field.getValue(), where, prune, false);
            } else if (Boolean.FALSE.equals(additionalAllowed)) {
                errors.add(new ValidationError(where, "unknown field '" + key + "' is not allowed here; allowed: "
                        + allowedFields(properties, envelope)));
            } else if (prune && !preserveUnknown && !Boolean.TRUE.equals(additionalAllowed)) {
                errors.add(new ValidationError(where, "unknown field '" + key + "' (the API server would silently drop "
                        + "it); allowed: " + allowedFields(properties, envelope)));
            }
        }
    }

    private static String allowedFields(Map<String, JSONSchemaProps> properties, boolean envelope) {
        List<String> names = new ArrayList<>(properties.keySet());
        if (envelope) {
            OBJECT_ENVELOPE.stream().filter(f -> !properties.containsKey(f)).sorted().forEach(names::add);
        }
        return names.isEmpty() ? "(no fields)" : String.join(", ", names);
    }

    private void checkCombinators(JSONSchemaProps schema, JsonNode value, String path) {
        if (schema.getAllOf() != null) {
            for (JSONSchemaProps part : schema.getAllOf()) {
                check(part, value, path, false, false);
            }
        }
        if (schema.getAnyOf() != null && !schema.getAnyOf().isEmpty()) {
            List<String> reasons = new ArrayList<>();
            boolean matched = false;
            for (JSONSchemaProps option : schema.getAnyOf()) {
                List<ValidationError> attempt = attempt(option, value, path);
                if (attempt.isEmpty()) {
                    matched = true;
                    break;
                }
                reasons.add(attempt.get(0).toString());
            }
            if (!matched) {
                errors.add(new ValidationError(path, "matches none of the allowed forms: " + String.join(" | ", reasons)));
            }
        }
        if (schema.getOneOf() != null && !schema.getOneOf().isEmpty()) {
            long matches = schema.getOneOf().stream().filter(option -> attempt(option, value, path).isEmpty()).count();
            if (matches != 1) {
                errors.add(new ValidationError(path, "must match exactly one of " + schema.getOneOf().size()
                        + " allowed forms, matches " + matches));
            }
        }
        if (schema.getNot() != null && attempt(schema.getNot(), value, path).isEmpty()) {
            errors.add(new ValidationError(path, "matches a form the schema forbids"));
        }
    }

    private static List<ValidationError> attempt(JSONSchemaProps option, JsonNode value, String path) {
        List<ValidationError> found = new ArrayList<>();
        new CrdSchemaValidator(found).check(option, value, path, false, false);
        return found;
    }

    private static String child(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "[\"" + key.replace("\"", "\\\"") + "\"]";
    }

    private static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String abbreviate(String text) {
        return text.length() <= SHOWN_ENUM_VALUE ? text : text.substring(0, SHOWN_ENUM_VALUE) + "...";
    }
}

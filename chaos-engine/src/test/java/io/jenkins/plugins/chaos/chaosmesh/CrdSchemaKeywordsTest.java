package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The schema keywords the Chaos Mesh CRDs use rarely or not at all, each on a small schema written here: a CRD of a
 * newer Chaos Mesh, or of another operator, may lean on any of them.
 */
class CrdSchemaKeywordsTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final String SCHEMA = """
            type: object
            properties:
              port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}], pattern: '^[a-z]+$'}
              note: {type: string, nullable: true}
              name: {type: string, minLength: 3, maxLength: 8, pattern: '^[a-z][a-z0-9-]*$'}
              hosts: {type: array, minItems: 1, maxItems: 2, items: {type: string}}
              ratio: {type: number, minimum: 0, maximum: 1, exclusiveMaximum: true}
              count: {type: integer, format: int32}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {level: {type: integer}}}
              strict: {type: object, additionalProperties: false, properties: {on: {type: boolean}}}
              anything: {type: object, additionalProperties: true}
              bare: {type: object}
              template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object,
                         properties: {replicas: {type: integer}}}}}
              size: {anyOf: [{type: integer, minimum: 1}, {type: string, pattern: '^[0-9]+(Mi|Gi)$'}],
                     x-kubernetes-int-or-string: true}
            """;

    private record Case(String name, String value, List<String> expected) {
    }

    private static Case ok(String name, String value) {
        return new Case(name, value, List.of());
    }

    private static Case bad(String name, String value, String... expected) {
        return new Case(name, value, List.of(expected));
    }

    @TestFactory
    Stream<DynamicTest> keywords() throws Exception {
        JSONSchemaProps schema = Serialization.jsonMapper().convertValue(YAML.readTree(SCHEMA), JSONSchemaProps.class);
        return Stream.of(
                ok("int-or-string takes an integer", "{port: 8080}"),
                ok("int-or-string takes a string matching its pattern", "{port: http}"),
                bad("int-or-string refuses a boolean", "{port: true}",
                        "x.port: must be an integer or a string, not a boolean (true)"),
                bad("int-or-string pattern applies to strings only", "{port: HTTP}",
                        "x.port: does not match the pattern ^[a-z]+$"),
                ok("nullable takes null", "{note: null}"),
                bad("not nullable refuses null", "{name: null}", "x.name: must not be null; expected a string"),
                bad("minLength", "{name: ab}", "x.name: must be at least 3 character(s) long, is 2"),
                bad("maxLength and pattern together", "{name: Abcdefghij}",
                        "x.name: must be at most 8 character(s) long, is 10",
                        "x.name: does not match the pattern ^[a-z][a-z0-9-]*$"),
                bad("minItems", "{hosts: []}", "x.hosts: must have at least 1 item(s), has 0"),
                bad("maxItems", "{hosts: [a, b, c]}", "x.hosts: must have at most 2 item(s), has 3"),
                ok("a number at the inclusive minimum", "{ratio: 0}"),
                bad("exclusive maximum", "{ratio: 1}", "x.ratio: must be < 1, is 1"),
                bad("int32 range", "{count: 2147483648}", "x.count: 2147483648 does not fit in int32 (-2147483648..2147483647)"),
                ok("whole number written as a decimal is an integer", "{count: 3.0}"),
                ok("preserve-unknown-fields keeps unknown keys", "{extra: {anything: [1, 2], level: 3}}"),
                bad("preserve-unknown-fields still checks known keys", "{extra: {level: high}}",
                        "x.extra.level: must be an integer, not a string"),
                bad("additionalProperties false refuses unknown keys", "{strict: {on: true, off: false}}",
                        "x.strict.off: unknown field 'off' is not allowed here; allowed: on"),
                ok("additionalProperties true keeps unknown keys", "{anything: {a: 1, b: {c: d}}}"),
                bad("an object without properties prunes everything", "{bare: {a: 1}}",
                        "x.bare.a: unknown field 'a' (the API server would silently drop it); allowed: (no fields)"),
                ok("an embedded resource has apiVersion, kind and metadata", "{template: {apiVersion: v1, kind: Pod, "
                        + "metadata: {name: p, labels: {a: b}}, spec: {replicas: 2}}}"),
                bad("an embedded resource prunes the rest", "{template: {kind: Pod, status: {}}}",
                        "x.template.status: unknown field 'status' (the API server would silently drop it); "
                                + "allowed: spec, apiVersion, kind, metadata"),
                ok("anyOf: one branch matches", "{size: 256Mi}"),
                bad("anyOf: no branch matches", "{size: 0}",
                        "x.size: matches none of the allowed forms: x.size: must be >= 1, is 0 | "
                                + "x.size: must be a string, not an integer (0)"),
                bad("unknown top-level field", "{nmae: x}", "x.nmae: unknown field 'nmae' (the API server would silently "
                        + "drop it); allowed: port, note, name, hosts, ratio, count, extra, strict, anything, bare, "
                        + "template, size"))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    List<String> errors = CrdSchemaValidator.validateValue(schema, YAML.readTree(c.value()), "x").stream()
                            .map(ValidationError::toString).toList();
                    assertEquals(c.expected(), errors);
                }));
    }
}

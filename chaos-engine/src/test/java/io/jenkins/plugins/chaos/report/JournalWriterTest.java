package io.jenkins.plugins.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void topLevelFieldsAreStableAndInDocumentedOrder() throws Exception {
        JsonNode journal = writeAndRead(RunFixtures.leakyRun());
        assertEquals(List.of("schemaVersion", "generator", "experiment", "environment", "runId", "startedAt",
                "finishedAt", "durationMillis", "verdict", "exitCode", "resilienceScore", "aborted", "abortReason", "counts", "probes",
                "coverage", "faults", "checks", "timeline", "notes"), fieldNames(journal));
        assertEquals(JournalWriter.SCHEMA_VERSION, journal.get("schemaVersion").asInt());
        assertEquals(List.of("name", "version"), fieldNames(journal.get("generator")));
        assertEquals("chaos-engine", journal.get("generator").get("name").asText());
        assertFalse(journal.get("generator").get("version").asText().isBlank());
    }

    @Test
    void valuesRoundTrip() throws Exception {
        RunResult run = RunFixtures.leakyRun();
        JsonNode journal = writeAndRead(run);
        assertEquals("tenant-isolation-and-failover", journal.get("experiment").asText());
        assertEquals("playground", journal.get("environment").asText());
        assertEquals("run-20250314-0926-7f3a", journal.get("runId").asText());
        assertEquals(run.startedAt(), Instant.parse(journal.get("startedAt").asText()));
        assertEquals("2025-03-14T09:28:28Z", journal.get("finishedAt").asText());
        assertEquals(95_000, journal.get("durationMillis").asLong());
        assertEquals("CRITICAL", journal.get("verdict").asText());
        assertEquals(1, journal.get("exitCode").asInt());
        assertFalse(journal.get("aborted").asBoolean());
        assertTrue(journal.get("abortReason").isNull());

        JsonNode counts = journal.get("counts");
        assertEquals(List.of("total", "passed", "warning", "error", "critical", "faults"), fieldNames(counts));
        assertEquals(17, counts.get("total").asInt());
        assertEquals(11, counts.get("passed").asInt());
        assertEquals(2, counts.get("warning").asInt());
        assertEquals(1, counts.get("error").asInt());
        assertEquals(3, counts.get("critical").asInt());
        assertEquals(1, counts.get("faults").asInt());

        JsonNode probes = journal.get("probes");
        assertEquals(4, probes.size());
        JsonNode api = probes.get(0);
        assertEquals(List.of("probe", "verdict", "total", "passed", "warning", "error", "critical", "durationMillis",
                "junitFile"), fieldNames(api));
        assertEquals("isolation.api", api.get("probe").asText());
        assertEquals("CRITICAL", api.get("verdict").asText());
        assertEquals(12, api.get("total").asInt());
        assertEquals(3, api.get("critical").asInt());
        assertEquals("junit/TEST-chaos.isolation.api.xml", api.get("junitFile").asText());
        assertEquals("ERROR", probes.get(1).get("verdict").asText());

        JsonNode fault = journal.get("faults").get(0);
        assertEquals(List.of("name", "kind", "namespace", "resource", "target", "injectedAt", "recoveredAt",
                "outcome"), fieldNames(fault));
        assertEquals("NetworkChaos", fault.get("kind").asText());
        assertEquals("2025-03-14T09:27:13Z", fault.get("injectedAt").asText());
        assertEquals("2025-03-14T09:27:43Z", fault.get("recoveredAt").asText());

        JsonNode checks = journal.get("checks");
        assertEquals(run.checks().size(), checks.size());
        JsonNode first = checks.get(0);
        assertEquals(List.of("id", "probe", "name", "verdict", "summary", "evidence", "startedAt", "durationMillis"),
                fieldNames(first));
        CheckResult original = run.checks().get(0);
        assertEquals(original.id(), first.get("id").asText());
        assertEquals(original.name(), first.get("name").asText());
        assertEquals("CRITICAL", first.get("verdict").asText());
        assertEquals(original.evidence().size(), first.get("evidence").size());
        assertEquals(original.evidence().get(2), first.get("evidence").get(2).asText());
        assertEquals(original.startedAt(), Instant.parse(first.get("startedAt").asText()));
        assertEquals(120, first.get("durationMillis").asLong());

        JsonNode timeline = journal.get("timeline");
        assertEquals(70, timeline.size());
        JsonNode sample = timeline.get(21);
        assertEquals(List.of("epochSecond", "time", "requests", "primary", "secondary", "gracefulErrors", "ungraceful",
                "p50Millis", "p95Millis", "p99Millis", "faultActive"), fieldNames(sample));
        TimelinePoint point = run.timeline().get(21);
        assertEquals(point.epochSecond(), sample.get("epochSecond").asLong());
        assertEquals(Instant.ofEpochSecond(point.epochSecond()), Instant.parse(sample.get("time").asText()));
        assertEquals(point.ungraceful(), sample.get("ungraceful").asInt());
        assertEquals(point.p99Millis(), sample.get("p99Millis").asDouble(), 1e-9);
        assertTrue(sample.get("faultActive").asBoolean());
        assertEquals(run.notes().get(0), journal.get("notes").get(0).asText());
    }

    @Test
    void missingValuesAreNullsNotInventedNumbers() throws Exception {
        RunResult run = new RunResult("e", "env", "r", RunFixtures.START, null,
                List.of(new FaultRecord("f", "PodChaos", "ns", "res", "t", null, null, "injection timed out")),
                List.of(), List.of(new TimelinePoint(1, 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY, false)), "stop condition: error rate 80%", List.of());
        JsonNode journal = writeAndRead(run);
        assertTrue(journal.get("finishedAt").isNull());
        assertTrue(journal.get("durationMillis").isNull());
        assertTrue(journal.get("aborted").asBoolean());
        assertEquals("stop condition: error rate 80%", journal.get("abortReason").asText());
        assertEquals("PASSED", journal.get("verdict").asText());
        assertTrue(journal.get("faults").get(0).get("injectedAt").isNull());
        assertTrue(journal.get("timeline").get(0).get("p50Millis").isNull());
        assertTrue(journal.get("timeline").get(0).get("p99Millis").isNull());
    }

    @Test
    void hostileTextIsValidJsonAndSecretsAreRedacted() throws Exception {
        CheckResult hostile = new CheckResult("isolation.api", RunFixtures.HOSTILE_NAME + " key-ABCDEF", Verdict.CRITICAL,
                "\"quoted\" \\ backslash", List.of(RunFixtures.HOSTILE_EVIDENCE, "token key-ABCDEF"),
                RunFixtures.START, 1);
        RunResult run = new RunResult("e", "env", "r", RunFixtures.START, RunFixtures.START, List.of(),
                List.of(hostile), List.of(), null, List.of("webhook https://hooks.example/key-ABCDEF"));
        Path file = dir.resolve("journal.json");
        new JournalWriter(new SecretRedactor(List.of("key-ABCDEF")), GeneratorInfo.current()).write(run, file);
        String raw = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(raw.contains("key-ABCDEF"), raw);
        JsonNode journal = MAPPER.readTree(raw);
        JsonNode check = journal.get("checks").get(0);
        assertEquals(RunFixtures.HOSTILE_NAME + " ****", check.get("name").asText());
        assertEquals("\"quoted\" \\ backslash", check.get("summary").asText());
        assertEquals("token ****", check.get("evidence").get(1).asText());
        assertEquals("webhook https://hooks.example/****", journal.get("notes").get(0).asText());
    }

    /** Every field the journal writes is documented in docs/journal.md, and the doc names no field we dropped. */
    @Test
    void everyFieldIsDocumented() throws Exception {
        Path doc = findDoc();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("^\\| `([A-Za-z0-9_.\\[\\]]+)`", Pattern.MULTILINE).matcher(text);
        while (m.find()) {
            documented.add(m.group(1));
        }
        List<String> written = new ArrayList<>();
        collectPaths("", writeAndRead(RunFixtures.withCoverage(RunFixtures.leakyRun())), written);
        for (String path : written) {
            assertTrue(documented.contains(path), "field " + path + " is written but not documented in " + doc);
        }
        for (String path : documented) {
            assertTrue(written.contains(path), "docs/journal.md documents " + path + ", which the journal lacks");
        }
    }

    private static void collectPaths(String prefix, JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                if (!out.contains(path)) {
                    out.add(path);
                }
                collectPaths(path, node.get(name), out);
            });
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            collectPaths(prefix + "[]", node.get(0), out);
        }
    }

    private static Path findDoc() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs").resolve("journal.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/journal.md not found above " + here);
    }

    private JsonNode writeAndRead(RunResult run) throws Exception {
        Path file = dir.resolve("journal-" + System.nanoTime() + ".json");
        new JournalWriter(SecretRedactor.none(), GeneratorInfo.current()).write(run, file);
        return MAPPER.readTree(file.toFile());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

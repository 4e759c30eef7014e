package io.jenkins.plugins.chaos.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code journal.json}: the whole run, machine-readable. Field names are spelled out here one by one,
 * never derived from Java names by reflection, because dashboards and scripts depend on them; every field is
 * documented in {@code docs/journal.md}, and a change of meaning bumps {@link #SCHEMA_VERSION}.
 * Written with Jackson's streaming generator, so a run with 100,000 checks is never a tree in memory.
 */
public final class JournalWriter {

    /** Version of the journal's layout; readers refuse versions they do not know. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final SecretRedactor redactor;
    private final GeneratorInfo generator;

    public JournalWriter(SecretRedactor redactor, GeneratorInfo generator) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public void write(RunResult result, Path target) throws IOException {
        Objects.requireNonNull(result, "result");
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            write(result, out);
        }
    }

    public void write(RunResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeObjectFieldStart("generator");
            json.writeStringField("name", generator.name());
            json.writeStringField("version", generator.version());
            json.writeEndObject();
            json.writeStringField("experiment", text(result.experiment()));
            json.writeStringField("environment", text(result.environment()));
            json.writeStringField("runId", text(result.runId()));
            instantField(json, "startedAt", result.startedAt());
            instantField(json, "finishedAt", result.finishedAt());
            if (result.startedAt() != null && result.finishedAt() != null) {
                json.writeNumberField("durationMillis",
                        Math.max(0, Duration.between(result.startedAt(), result.finishedAt()).toMillis()));
            } else {
                json.writeNullField("durationMillis");
            }
            Verdict verdict = result.verdict();
            json.writeStringField("verdict", verdict.name());
            json.writeNumberField("exitCode", verdict.exitCode());
            if (result.score().isPresent()) {
                json.writeNumberField("resilienceScore", result.score().getAsDouble());
            } else {
                json.writeNullField("resilienceScore");
            }
            json.writeBooleanField("aborted", result.aborted());
            nullableString(json, "abortReason", result.abortReason());
            writeCounts(json, result);
            writeProbes(json, ProbeSummary.byProbe(result.checks()));
            writeCoverage(json, result.checks());
            writeFaults(json, result.faults());
            writeChecks(json, result.checks());
            writeTimeline(json, result.timeline());
            json.writeArrayFieldStart("notes");
            for (String note : result.notes()) {
                json.writeString(text(note));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeCounts(JsonGenerator json, RunResult result) throws IOException {
        json.writeObjectFieldStart("counts");
        json.writeNumberField("total", result.checks().size());
        json.writeNumberField("passed", result.count(Verdict.PASSED));
        json.writeNumberField("warning", result.count(Verdict.WARNING));
        json.writeNumberField("error", result.count(Verdict.ERROR));
        json.writeNumberField("critical", result.count(Verdict.CRITICAL));
        json.writeNumberField("faults", result.faults().size());
        json.writeEndObject();
    }

    private void writeProbes(JsonGenerator json, List<ProbeSummary> probes) throws IOException {
        json.writeArrayFieldStart("probes");
        for (ProbeSummary probe : probes) {
            json.writeStartObject();
            json.writeStringField("probe", text(probe.probe()));
            json.writeStringField("verdict", probe.verdict().name());
            json.writeNumberField("total", probe.total());
            json.writeNumberField("passed", probe.passed());
            json.writeNumberField("warning", probe.warnings());
            json.writeNumberField("error", probe.errors());
            json.writeNumberField("critical", probe.critical());
            json.writeNumberField("durationMillis", probe.durationMillis());
            json.writeStringField("junitFile", "junit/" + JunitXmlWriter.fileName(probe.probe()));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The rotating pair coverage's checks again, on top: covered fraction, slices and when they were tested. */
    private void writeCoverage(JsonGenerator json, List<CheckResult> checks) throws IOException {
        json.writeArrayFieldStart("coverage");
        for (CheckResult check : checks) {
            if (!check.probe().equals(ProbeIds.ISOLATION_COVERAGE)) {
                continue;
            }
            json.writeStartObject();
            json.writeStringField("check", text(check.id()));
            json.writeStringField("verdict", check.verdict().name());
            json.writeStringField("summary", text(check.summary()));
            json.writeArrayFieldStart("details");
            for (String line : check.evidence()) {
                json.writeString(text(line));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeFaults(JsonGenerator json, List<FaultRecord> faults) throws IOException {
        json.writeArrayFieldStart("faults");
        for (FaultRecord fault : faults) {
            json.writeStartObject();
            nullableString(json, "name", fault.name());
            nullableString(json, "kind", fault.kind());
            nullableString(json, "namespace", fault.namespace());
            nullableString(json, "resource", fault.resource());
            nullableString(json, "target", fault.target());
            instantField(json, "injectedAt", fault.injectedAt());
            instantField(json, "recoveredAt", fault.recoveredAt());
            nullableString(json, "outcome", fault.outcome());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeChecks(JsonGenerator json, List<CheckResult> checks) throws IOException {
        json.writeArrayFieldStart("checks");
        for (CheckResult check : checks) {
            json.writeStartObject();
            json.writeStringField("id", text(check.id()));
            json.writeStringField("probe", text(check.probe()));
            json.writeStringField("name", text(check.name()));
            json.writeStringField("verdict", check.verdict().name());
            json.writeStringField("summary", text(check.summary()));
            json.writeArrayFieldStart("evidence");
            for (String line : check.evidence()) {
                json.writeString(text(line));
            }
            json.writeEndArray();
            instantField(json, "startedAt", check.startedAt());
            json.writeNumberField("durationMillis", check.durationMillis());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeTimeline(JsonGenerator json, List<TimelinePoint> timeline) throws IOException {
        json.writeArrayFieldStart("timeline");
        for (TimelinePoint point : timeline) {
            json.writeStartObject();
            json.writeNumberField("epochSecond", point.epochSecond());
            json.writeStringField("time", Instant.ofEpochSecond(point.epochSecond()).toString());
            json.writeNumberField("requests", point.requests());
            json.writeNumberField("primary", point.primary());
            json.writeNumberField("secondary", point.secondary());
            json.writeNumberField("gracefulErrors", point.gracefulErrors());
            json.writeNumberField("ungraceful", point.ungraceful());
            finiteNumber(json, "p50Millis", point.p50Millis());
            finiteNumber(json, "p95Millis", point.p95Millis());
            finiteNumber(json, "p99Millis", point.p99Millis());
            json.writeBooleanField("faultActive", point.faultActive());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** JSON has no NaN; a second without a measurement is {@code null}, not a made-up number. */
    private static void finiteNumber(JsonGenerator json, String field, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    private static void instantField(JsonGenerator json, String field, Instant value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value.toString());
        }
    }

    private void nullableString(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, text(value));
        }
    }

    private String text(String raw) {
        return raw == null ? "" : redactor.redact(raw);
    }
}

package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one JUnit XML file per probe: one {@code <testsuite>}, one {@code <testcase>} per check, in the dialect
 * that Maven Surefire writes and the Jenkins junit plugin reads.
 *
 * <p>Mapping: CRITICAL is a {@code <failure type="CRITICAL">}, ERROR (the check could not run) an
 * {@code <error type="ERROR">}, WARNING and PASSED pass. A warning is not {@code <skipped>} (Jenkins would hide it
 * as "skipped"); it stays a passing test whose {@code <system-out>} starts with {@code WARNING:} and it is listed
 * in the suite's {@code <properties>} as {@code chaos.warning.N}. The build goes UNSTABLE through the run's
 * verdict, not through the JUnit counts.
 *
 * <p>Why two passes: the suite's counts are attributes of the root element, so they must be written before the
 * first test case, yet the checks may arrive as a one-shot iterator of 100,000 cases that must never sit in
 * memory. Pass one writes the test cases (and the warning properties) with StAX into spool files next to the
 * target while counting; pass two writes the root with the counts and copies the spools in, event by event, with
 * a StAX reader. Memory stays constant; the disk holds the cases twice for a moment.
 */
public final class JunitXmlWriter {

    /** Ant's and Surefire's timestamp form: no zone; ours is always UTC. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String SPOOL_ROOT = "spool";

    private final String hostname;
    private final SecretRedactor redactor;
    private final Map<String, String> suiteProperties;

    /**
     * @param hostname        the {@code hostname} attribute of every suite
     * @param redactor        applied to every name, summary and evidence line before it is written
     * @param suiteProperties written first into every suite's {@code <properties>} (run id, environment, ...)
     */
    public JunitXmlWriter(String hostname, SecretRedactor redactor, Map<String, String> suiteProperties) {
        this.hostname = hostname == null || hostname.isBlank() ? "localhost" : hostname;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.suiteProperties = new LinkedHashMap<>(suiteProperties == null ? Map.of() : suiteProperties);
    }

    /**
     * The conventional file name, {@code TEST-chaos.<probe>.xml}. Anything unsafe in a path is replaced, and then
     * the probe name's hash is appended, so that {@code a/b} and {@code a b} do not overwrite each other and the
     * journal can name the file from the probe alone.
     */
    public static String fileName(String probe) {
        String safe = suiteName(probe).replaceAll("[^A-Za-z0-9._-]", "_");
        if (!safe.equals(suiteName(probe))) {
            safe += "-" + Integer.toHexString(probe.hashCode());
        }
        return "TEST-" + safe + ".xml";
    }

    /** The suite's name and every case's classname: {@code chaos.<probe>}. */
    public static String suiteName(String probe) {
        return "chaos." + probe;
    }

    public ProbeSummary writeSuite(String probe, Stream<CheckResult> checks, Instant timestamp, Path target)
            throws IOException {
        try (Stream<CheckResult> s = checks) {
            return writeSuite(probe, s.iterator(), timestamp, target);
        }
    }

    /**
     * Writes {@code checks} as the suite of {@code probe} into {@code target}, consuming the iterator once.
     *
     * @return the suite's counts, as written into the root element
     */
    public ProbeSummary writeSuite(String probe, Iterator<CheckResult> checks, Instant timestamp, Path target)
            throws IOException {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(target, "target");
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path casesSpool = Files.createTempFile(dir, ".cases-", ".spool");
        Path warningsSpool = Files.createTempFile(dir, ".warnings-", ".spool");
        try {
            ProbeSummary summary = spoolCases(probe, checks, casesSpool, warningsSpool);
            assemble(probe, summary, timestamp, casesSpool, warningsSpool, target);
            return summary;
        } catch (XMLStreamException e) {
            throw new IOException("could not write JUnit XML " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(casesSpool);
            Files.deleteIfExists(warningsSpool);
        }
    }

    private ProbeSummary spoolCases(String probe, Iterator<CheckResult> checks, Path casesSpool, Path warningsSpool)
            throws IOException, XMLStreamException {
        ProbeSummary.Counter counter = new ProbeSummary.Counter(probe);
        try (OutputStream casesOut = new BufferedOutputStream(Files.newOutputStream(casesSpool), 1 << 16);
             OutputStream warningsOut = new BufferedOutputStream(Files.newOutputStream(warningsSpool), 1 << 14)) {
            XMLStreamWriter cases = newWriter(casesOut);
            XMLStreamWriter warnings = newWriter(warningsOut);
            cases.writeStartDocument("UTF-8", "1.0");
            cases.writeStartElement(SPOOL_ROOT);
            warnings.writeStartDocument("UTF-8", "1.0");
            warnings.writeStartElement(SPOOL_ROOT);
            long warningNumber = 0;
            while (checks.hasNext()) {
                CheckResult check = checks.next();
                counter.add(check);
                writeCase(cases, check);
                if (check.verdict() == Verdict.WARNING) {
                    warningNumber++;
                    warnings.writeCharacters("\n    ");
                    warnings.writeEmptyElement("property");
                    warnings.writeAttribute("name", "chaos.warning." + warningNumber);
                    warnings.writeAttribute("value", oneLine(text(check.name()) + ": " + text(check.summary())));
                }
            }
            cases.writeEndElement();
            cases.writeEndDocument();
            cases.flush();
            cases.close();
            warnings.writeEndElement();
            warnings.writeEndDocument();
            warnings.flush();
            warnings.close();
        }
        return counter.summary();
    }

    private void writeCase(XMLStreamWriter out, CheckResult check) throws XMLStreamException {
        out.writeCharacters("\n  ");
        out.writeStartElement("testcase");
        out.writeAttribute("name", oneLine(text(check.name())));
        out.writeAttribute("classname", suiteName(text(check.probe())));
        out.writeAttribute("time", seconds(check.durationMillis()));
        String summary = oneLine(text(check.summary()));
        switch (check.verdict()) {
            case CRITICAL -> {
                out.writeCharacters("\n    ");
                out.writeStartElement("failure");
                out.writeAttribute("message", summary);
                out.writeAttribute("type", Verdict.CRITICAL.name());
                out.writeCharacters("CRITICAL: " + summary + "\ncheck: " + text(check.id()));
                out.writeEndElement();
            }
            case ERROR -> {
                out.writeCharacters("\n    ");
                out.writeStartElement("error");
                out.writeAttribute("message", summary);
                out.writeAttribute("type", Verdict.ERROR.name());
                out.writeCharacters("ERROR (the check could not run): " + summary + "\ncheck: " + text(check.id()));
                out.writeEndElement();
            }
            case PASSED, WARNING -> {
                // passing in JUnit terms; a WARNING says so in system-out and in the suite's properties
            }
            default -> throw new IllegalStateException("unknown verdict " + check.verdict());
        }
        out.writeCharacters("\n    ");
        out.writeStartElement("system-out");
        out.writeCharacters(systemOut(check, summary));
        out.writeEndElement();
        out.writeCharacters("\n  ");
        out.writeEndElement();
    }

    /** The verdict comes first: Jenkins keeps only the head and tail of a passing test's long output. */
    private String systemOut(CheckResult check, String summary) {
        StringBuilder out = new StringBuilder(256);
        out.append(check.verdict().name()).append(": ").append(summary).append('\n');
        out.append("check: ").append(text(check.id())).append('\n');
        out.append("started: ").append(check.startedAt()).append('\n');
        out.append("duration: ").append(seconds(check.durationMillis())).append(" s\n");
        if (check.evidence().isEmpty()) {
            out.append("evidence: none recorded\n");
        } else {
            out.append("evidence:\n");
            for (String line : check.evidence()) {
                out.append("  ").append(text(line)).append('\n');
            }
        }
        return out.toString();
    }

    private void assemble(String probe, ProbeSummary summary, Instant timestamp, Path casesSpool,
                          Path warningsSpool, Path target) throws IOException, XMLStreamException {
        try (OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            XMLStreamWriter out = newWriter(fileOut);
            out.writeStartDocument("UTF-8", "1.0");
            out.writeCharacters("\n");
            out.writeStartElement("testsuite");
            out.writeAttribute("name", suiteName(text(probe)));
            out.writeAttribute("tests", Long.toString(summary.total()));
            out.writeAttribute("failures", Long.toString(summary.critical()));
            out.writeAttribute("errors", Long.toString(summary.errors()));
            out.writeAttribute("skipped", "0");
            out.writeAttribute("time", seconds(summary.durationMillis()));
            out.writeAttribute("timestamp", TIMESTAMP.format(
                    (timestamp == null ? Instant.now() : timestamp).truncatedTo(ChronoUnit.SECONDS)));
            out.writeAttribute("hostname", text(hostname));
            out.writeCharacters("\n  ");
            out.writeStartElement("properties");
            for (Map.Entry<String, String> property : suiteProperties.entrySet()) {
                writeProperty(out, property.getKey(), property.getValue());
            }
            writeProperty(out, "chaos.probe", probe);
            writeProperty(out, "chaos.verdict", summary.verdict().name());
            writeProperty(out, "chaos.warnings", Long.toString(summary.warnings()));
            copySpool(warningsSpool, out);
            out.writeCharacters("\n  ");
            out.writeEndElement();
            copySpool(casesSpool, out);
            out.writeCharacters("\n");
            out.writeEndElement();
            out.writeEndDocument();
            out.flush();
            out.close();
        }
    }

    private void writeProperty(XMLStreamWriter out, String name, String value) throws XMLStreamException {
        out.writeCharacters("\n    ");
        out.writeEmptyElement("property");
        out.writeAttribute("name", oneLine(text(name)));
        out.writeAttribute("value", oneLine(text(value)));
    }

    /** Replays the children of a spool's root into {@code out}; the text in it is already redacted and legal. */
    private static void copySpool(Path spool, XMLStreamWriter out) throws IOException, XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spool), 1 << 16)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in, "UTF-8");
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (depth > 0) {
                            out.writeStartElement(reader.getLocalName());
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                out.writeAttribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                            }
                        }
                        depth++;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        if (depth > 0) {
                            out.writeEndElement();
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth > 0) {
                            out.writeCharacters(reader.getText());
                        }
                    }
                    default -> {
                        // the spool holds elements and text only; the XML declaration is not copied
                    }
                }
            }
            reader.close();
        }
    }

    /**
     * Through a buffered UTF-8 {@link Writer}: handed an OutputStream, the JDK's StAX writer encodes and writes
     * byte by byte, which made 100,000 cases several times slower.
     */
    private static XMLStreamWriter newWriter(OutputStream out) throws XMLStreamException {
        Writer chars = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        return XMLOutputFactory.newFactory().createXMLStreamWriter(chars);
    }

    private String text(String raw) {
        return XmlText.legal(redactor.redact(raw == null ? "" : raw));
    }

    /** Attribute values lose line breaks when parsed; say so visibly instead of letting them turn into spaces. */
    private static String oneLine(String text) {
        return text.replace("\r\n", " / ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Seconds with millisecond precision and a dot, as the Surefire schema's time pattern demands. */
    static String seconds(long millis) {
        long safe = Math.max(0, millis);
        long fraction = safe % 1000;
        // not String.format: it was a tenth of the time spent writing 100,000 cases
        return (safe / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /** The name this machine reports, for the suites' {@code hostname}; never fails. */
    public static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | SecurityException e) {
            return "localhost";
        }
    }
}

package io.jenkins.plugins.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.support.SurefireReports;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlWriterTest {

    @TempDir
    Path dir;

    @Test
    void leakyRunReadsBackWithSurefiresParser() throws Exception {
        RunResult run = RunFixtures.leakyRun();
        ReportFiles files = ReportWriter.write(run, dir);

        List<String> names;
        try (Stream<Path> list = Files.list(files.junitDir())) {
            names = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("TEST-chaos.failover.xml", "TEST-chaos.isolation.api.xml",
                "TEST-chaos.isolation.network.static.xml", "TEST-chaos.isolation.rbac.xml"), names,
                "one file per probe and no spool files left behind");

        ReportTestSuite api = SurefireReports.parse(files.junitDir().resolve("TEST-chaos.isolation.api.xml"));
        assertEquals(12, api.getNumberOfTests());
        assertEquals(3, api.getNumberOfFailures());
        assertEquals(0, api.getNumberOfErrors());
        assertEquals(0, api.getNumberOfSkipped());
        assertEquals("chaos.isolation.api", api.getFullClassName());
        List<ReportTestCase> cases = api.getTestCases();
        assertEquals(12, cases.size());
        ReportTestCase first = cases.get(0);
        assertEquals("alice->bob GET /v1/tenants/bob/files", first.getName());
        assertEquals("chaos.isolation.api", first.getFullClassName());
        assertEquals(0.120f, first.getTime(), 0.0005f);
        assertTrue(first.hasFailure());
        assertEquals("CRITICAL", first.getFailureType());
        assertEquals("tenant alice read bob's files: HTTP 200, expected 401/403", first.getFailureMessage());
        List<String> failed = cases.stream().filter(ReportTestCase::hasFailure).map(ReportTestCase::getName).toList();
        assertEquals(List.of("alice->bob GET /v1/tenants/bob/files", "alice->bob GET /v1/tenants/bob/models",
                "carol->alice GET /v1/tenants/alice/files"), failed);
        ReportTestCase passing = cases.get(2);
        assertEquals("alice->carol GET /v1/tenants/carol/files", passing.getName());
        assertTrue(passing.isSuccessful());
        assertEquals(0.134f, passing.getTime(), 0.0005f);

        ReportTestSuite network = SurefireReports.parse(files.junitDir().resolve("TEST-chaos.isolation.network.static.xml"));
        assertEquals(2, network.getNumberOfTests());
        assertEquals(0, network.getNumberOfFailures());
        assertEquals(1, network.getNumberOfErrors());
        ReportTestCase error = network.getTestCases().get(1);
        assertTrue(error.hasError());
        assertEquals("ERROR", error.getFailureType());

        ReportTestSuite failover = SurefireReports.parse(files.junitDir().resolve("TEST-chaos.failover.xml"));
        assertEquals(2, failover.getNumberOfTests());
        assertEquals(0, failover.getNumberOfFailures() + failover.getNumberOfErrors() + failover.getNumberOfSkipped());
        // both checks judge the same 61 s stream: the suite's time is the probe's wall time, not their sum
        assertEquals(61.0f, failover.getTimeElapsed(), 0.001f);
        assertTrue(failover.getTestCases().stream().allMatch(ReportTestCase::isSuccessful),
                "a WARNING passes in JUnit terms and is never reported as skipped");
    }

    @Test
    void warningIsSpelledOutInSystemOutAndSuiteProperties() throws Exception {
        ReportFiles files = ReportWriter.write(RunFixtures.leakyRun(), dir);
        Document doc = dom(files.junitDir().resolve("TEST-chaos.failover.xml"));
        Element suite = doc.getDocumentElement();
        assertEquals("0", suite.getAttribute("skipped"));
        assertTrue(suite.getAttribute("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
        assertEquals("2025-03-14T09:26:53", suite.getAttribute("timestamp"));
        assertFalse(suite.getAttribute("hostname").isBlank());
        assertEquals("61.000", suite.getAttribute("time"), "wall time of the probe");
        Map<String, String> props = properties(doc);
        assertEquals("1", props.get("chaos.warnings"));
        assertEquals("p95 latency: p95 31.5 s > 30 s", props.get("chaos.warning.1"));
        assertEquals("WARNING", props.get("chaos.verdict"));
        assertEquals("run-20250314-0926-7f3a", props.get("chaos.runId"));
        assertEquals("playground", props.get("chaos.environment"));
        Element warningCase = (Element) doc.getElementsByTagName("testcase").item(1);
        assertEquals("p95 latency", warningCase.getAttribute("name"));
        assertEquals(0, warningCase.getElementsByTagName("skipped").getLength());
        String out = warningCase.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.startsWith("WARNING: p95 31.5 s > 30 s\n"), out);
        assertTrue(out.contains("  p95 31500 ms\n"), out);
    }

    @Test
    void evidenceOfBreachesIsInSystemOut() throws Exception {
        ReportFiles files = ReportWriter.write(RunFixtures.leakyRun(), dir);
        Document doc = dom(files.junitDir().resolve("TEST-chaos.isolation.api.xml"));
        Element breach = (Element) doc.getElementsByTagName("testcase").item(0);
        Element failure = (Element) breach.getElementsByTagName("failure").item(0);
        assertEquals("CRITICAL", failure.getAttribute("type"));
        String out = breach.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.startsWith("CRITICAL: tenant alice read bob's files"), out);
        assertTrue(out.contains("  status: 200\n"), out);
        assertTrue(out.contains("bob-secret-plan.pdf"), out);
    }

    @Test
    void hostileNamesAndEvidenceSurviveAsText() throws Exception {
        CheckResult hostile = new CheckResult("isolation.api", RunFixtures.HOSTILE_NAME, Verdict.CRITICAL,
                "summary with <tag> & ]]> and a\nsecond line", List.of(RunFixtures.HOSTILE_EVIDENCE, "]]>"),
                RunFixtures.START, 5);
        Path file = dir.resolve("hostile.xml");
        new JunitXmlWriter("host", SecretRedactor.none(), Map.of())
                .writeSuite("isolation.api", List.of(hostile).iterator(), RunFixtures.START, file);

        Document doc = dom(file); // a strict parser: illegal characters or broken CDATA would throw here
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("mallory->bob GET /v1/x?a=<b>&c=\"d\" ]]> \\u0007bell\\u0000nul 'q'",
                testcase.getAttribute("name"));
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertEquals("summary with <tag> & ]]> and a second line", failure.getAttribute("message"));
        String out = testcase.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.contains("  body: <script>alert(1)</script> & ]]> <![CDATA[x]]> \\u001B[31m \\uD800 end\n"), out);
        assertTrue(out.contains("\n  ]]>\n"), out);
        String raw = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(raw.contains("<script>"), "markup in evidence is escaped, not raw");
        assertFalse(raw.contains("\u0007") || raw.contains("\u0000") || raw.contains("\u001b"));
        assertEquals("chaos.isolation.api", SurefireReports.parse(file).getTestCases().get(0).getFullClassName());
    }

    @Test
    void secretsAreRedactedFromEveryField() throws Exception {
        CheckResult leak = new CheckResult("isolation.api", "uses token tok-SECRET-123", Verdict.CRITICAL,
                "tok-SECRET-123 was accepted", List.of("Authorization: Bearer tok-SECRET-123"), RunFixtures.START, 1);
        Path file = dir.resolve("secret.xml");
        new JunitXmlWriter("host", new SecretRedactor(List.of("tok-SECRET-123")), Map.of("chaos.runId", "r1"))
                .writeSuite("isolation.api", List.of(leak).iterator(), RunFixtures.START, file);
        String raw = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(raw.contains("tok-SECRET-123"), raw);
        assertTrue(raw.contains("Bearer ****"), raw);
    }

    @Test
    void consumesAOneShotIteratorOnceAndCountsRight() throws Exception {
        int total = 5_000;
        OneShot checks = new OneShot(total);
        Path file = dir.resolve("TEST-chaos.isolation.api.xml");
        ProbeSummary summary = new JunitXmlWriter("host", SecretRedactor.none(), Map.of())
                .writeSuite("isolation.api", checks, RunFixtures.START, file);
        assertEquals(total, checks.handedOut);
        assertEquals(total, summary.total());
        assertEquals(total / 100, summary.critical());
        assertEquals(total / 250, summary.errors());
        ReportTestSuite suite = SurefireReports.parse(file);
        assertEquals(total, suite.getNumberOfTests());
        assertEquals(total / 100, suite.getNumberOfFailures());
        assertEquals(total / 250, suite.getNumberOfErrors());
        assertEquals(total, suite.getTestCases().size());
        assertEquals("check 4999", suite.getTestCases().get(total - 1).getName());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "spool files are deleted");
        }
    }

    @Test
    void emptySuiteIsStillValid() throws Exception {
        Path file = dir.resolve("TEST-chaos.failover.xml");
        new JunitXmlWriter("host", SecretRedactor.none(), Map.of())
                .writeSuite("failover", List.<CheckResult>of().iterator(), RunFixtures.START, file);
        ReportTestSuite suite = SurefireReports.parse(file);
        assertEquals(0, suite.getNumberOfTests());
        assertEquals("0.000", dom(file).getDocumentElement().getAttribute("time"));
    }

    @Test
    void rewritingAReportDirReplacesOldSuites() throws Exception {
        Files.createDirectories(dir.resolve("junit"));
        Path stale = dir.resolve("junit").resolve("TEST-chaos.gone.xml");
        Files.writeString(stale, "<testsuite/>");
        Path foreign = dir.resolve("junit").resolve("TEST-other.xml");
        Files.writeString(foreign, "<testsuite/>");
        ReportWriter.write(RunFixtures.leakyRun(), dir);
        assertFalse(Files.exists(stale), "a suite from an earlier run would be counted again by Jenkins");
        assertTrue(Files.exists(foreign), "files we did not write are left alone");
    }

    @Test
    void fileNamesAreSafeAndTimesHaveThreeDecimals() {
        assertEquals("TEST-chaos.isolation.api.xml", JunitXmlWriter.fileName("isolation.api"));
        assertEquals("TEST-chaos.a_b_c-" + Integer.toHexString("a/b c".hashCode()) + ".xml",
                JunitXmlWriter.fileName("a/b c"));
        assertEquals("0.000", JunitXmlWriter.seconds(0));
        assertEquals("0.007", JunitXmlWriter.seconds(7));
        assertEquals("61.000", JunitXmlWriter.seconds(61_000));
        assertEquals("3723.456", JunitXmlWriter.seconds(3_723_456));
        assertEquals("0.000", JunitXmlWriter.seconds(-5));
    }

    static Document dom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Map<String, String> properties(Document doc) {
        NodeList list = doc.getElementsByTagName("property");
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            props.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return props;
    }

    /** Generates checks on demand and fails if asked twice, like a probe's live result stream. */
    static final class OneShot implements Iterator<CheckResult> {
        private final int total;
        int handedOut;

        OneShot(int total) {
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return handedOut < total;
        }

        @Override
        public CheckResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = handedOut++;
            Verdict verdict = i % 100 == 0 ? Verdict.CRITICAL : i % 250 == 1 ? Verdict.ERROR : Verdict.PASSED;
            return RunFixtures.check("isolation.api", "check " + i, verdict, i % 1000);
        }
    }

}

package io.jenkins.plugins.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/** Validates what we write against the constraints of Surefire's and Jenkins' JUnit XML schemas. */
class JunitXmlSchemaTest {

    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        schema = factory.newSchema(JunitXmlSchemaTest.class.getResource("junit-report-constraints.xsd"));
    }

    @Test
    void everySuiteOfALeakyRunIsValid() throws Exception {
        ReportFiles files = ReportWriter.write(RunFixtures.leakyRun(), dir);
        List<Path> suites;
        try (Stream<Path> list = Files.list(files.junitDir())) {
            suites = list.sorted().toList();
        }
        assertEquals(4, suites.size());
        for (Path suite : suites) {
            schema.newValidator().validate(new StreamSource(suite.toFile()));
        }
    }

    @Test
    void hostileAndEmptySuitesAreValid() throws Exception {
        CheckResult hostile = new CheckResult("isolation.api", RunFixtures.HOSTILE_NAME, Verdict.ERROR,
                RunFixtures.HOSTILE_EVIDENCE, List.of(RunFixtures.HOSTILE_EVIDENCE), RunFixtures.START, 3_723_456);
        JunitXmlWriter writer = new JunitXmlWriter("h<o>st", SecretRedactor.none(), Map.of("k&", "v\u0001"));
        Path withHostile = dir.resolve("hostile.xml");
        writer.writeSuite("isolation.api", List.of(hostile).iterator(), RunFixtures.START, withHostile);
        schema.newValidator().validate(new StreamSource(withHostile.toFile()));
        Path empty = dir.resolve("empty.xml");
        writer.writeSuite("failover", List.<CheckResult>of().iterator(), null, empty);
        schema.newValidator().validate(new StreamSource(empty.toFile()));
    }

    /** The schema is only worth something if it rejects what the readers reject. */
    @Test
    void schemaRejectsWhatTheReadersReject() {
        String missingCounts = "<testsuite name='s' tests='1'><testcase name='c' time='1.0'/></testsuite>";
        String failureWithoutType = "<testsuite name='s' tests='1' failures='1' errors='0' skipped='0'>"
                + "<testcase name='c' time='1.0'><failure message='m'/></testcase></testsuite>";
        String fourDecimals = "<testsuite name='s' tests='1' failures='0' errors='0' skipped='0'>"
                + "<testcase name='c' time='1.0001'/></testsuite>";
        String propertiesAfterCases = "<testsuite name='s' tests='1' failures='0' errors='0' skipped='0'>"
                + "<testcase name='c' time='1'/><properties/></testsuite>";
        String outBeforeFailure = "<testsuite name='s' tests='1' failures='1' errors='0' skipped='0'>"
                + "<testcase name='c' time='1'><system-out>x</system-out><failure type='t'/></testcase></testsuite>";
        String zonedTimestamp = "<testsuite name='s' tests='0' failures='0' errors='0' skipped='0'"
                + " timestamp='2025-01-01T00:00:00Z'/>";
        for (String bad : List.of(missingCounts, failureWithoutType, fourDecimals, propertiesAfterCases,
                outBeforeFailure, zonedTimestamp)) {
            assertThrows(SAXException.class,
                    () -> schema.newValidator().validate(new StreamSource(new StringReader(bad))), bad);
        }
        String good = "<testsuite name='s' tests='1' failures='0' errors='0' skipped='0' time='1,234.5'"
                + " timestamp='2025-01-01T00:00:00' hostname='h'><properties><property name='a' value='b'/>"
                + "</properties><testcase name='c' classname='k' time='1.5'><system-out>x</system-out></testcase>"
                + "</testsuite>";
        assertTrue(validates(good));
    }

    private static boolean validates(String xml) {
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(xml)));
            return true;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package io.jenkins.plugins.chaos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.support.SurefireReports;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's output is a real, valid report (its speed and memory are measured by running it, not here). */
class JunitXmlBenchTest {

    @TempDir
    Path dir;

    @Test
    void writesAValidSuiteWithTheGeneratedMix() throws Exception {
        JunitXmlBench.main(new String[] {"2000", dir.toString()});
        Path file = dir.resolve("TEST-chaos.isolation.api.xml");
        assertTrue(Files.exists(file));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/io/jenkins/plugins/chaos/report/junit-report-constraints.xsd"))
                .newValidator().validate(new StreamSource(file.toFile()));
        ReportTestSuite suite = SurefireReports.parse(file);
        assertEquals(2000, suite.getNumberOfTests());
        assertEquals(20, suite.getNumberOfFailures());
        assertEquals(8, suite.getNumberOfErrors());
        assertEquals(2000, suite.getTestCases().size());
    }

    @Test
    void refusesANonPositiveCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JunitXmlBench.main(new String[] {"0", dir.toString()}));
        assertEquals("cases must be at least 1, got 0", e.getMessage());
    }
}

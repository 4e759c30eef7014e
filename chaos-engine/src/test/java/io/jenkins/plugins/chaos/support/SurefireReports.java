package io.jenkins.plugins.chaos.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;

/** Reads a JUnit XML file back the way Maven Surefire's report tooling does. */
public final class SurefireReports {

    private SurefireReports() {
    }

    public static ReportTestSuite parse(Path file) throws Exception {
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(file.toString());
        assertEquals(1, suites.size(), "one testsuite per file");
        return suites.get(0);
    }
}

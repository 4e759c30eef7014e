// Signature stub of hudson.tasks.junit.JUnitTask from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.junit;

public interface JUnitTask {
    String getTestResults();

    double getHealthScaleFactor();

    String getStdioRetention();

    @Deprecated
    boolean isKeepLongStdio();

    boolean isKeepProperties();

    boolean isKeepTestNames();

    boolean isAllowEmptyResults();

    boolean isSkipPublishingChecks();

    String getChecksName();

    boolean isSkipOldReports();
}

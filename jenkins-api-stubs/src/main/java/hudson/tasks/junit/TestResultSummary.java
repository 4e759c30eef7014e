// Signature stub of hudson.tasks.junit.TestResultSummary from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.junit;

import java.io.Serializable;

public class TestResultSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    public TestResultSummary() {
        throw new UnsupportedOperationException();
    }

    public TestResultSummary(int failCount, int skipCount, int passCount, int totalCount) {
        throw new UnsupportedOperationException();
    }

    public int getFailCount() {
        throw new UnsupportedOperationException();
    }

    public int getSkipCount() {
        throw new UnsupportedOperationException();
    }

    public int getPassCount() {
        throw new UnsupportedOperationException();
    }

    public int getTotalCount() {
        throw new UnsupportedOperationException();
    }
}

// Signature stub of hudson.tasks.junit.TestResultAction from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
// The real class extends AbstractTestResultAction (where the counts are declared); its constructor takes a TestResult.
package hudson.tasks.junit;

import hudson.model.Action;

public class TestResultAction implements Action {
    private TestResultAction() {
        throw new UnsupportedOperationException();
    }

    public synchronized TestResult getResult() {
        throw new UnsupportedOperationException();
    }

    public int getFailCount() {
        throw new UnsupportedOperationException();
    }

    public int getTotalCount() {
        throw new UnsupportedOperationException();
    }

    public int getSkipCount() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}

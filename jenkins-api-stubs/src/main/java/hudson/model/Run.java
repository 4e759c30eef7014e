// Signature stub of hudson.model.Run from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, Comparable<RunT> {
    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException();
    }

    public Result getResult() {
        throw new UnsupportedOperationException();
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException();
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException();
    }

    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public final long getTimeInMillis() {
        throw new UnsupportedOperationException();
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException();
    }

    public long getDuration() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException();
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int compareTo(RunT that) {
        throw new UnsupportedOperationException();
    }
}

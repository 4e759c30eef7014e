// Signature stub of hudson.tasks.test.PipelineTestDetails from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.test;

import java.io.Serializable;
import java.util.List;

public class PipelineTestDetails implements Serializable {
    private static final long serialVersionUID = 1L;

    public String getNodeId() {
        throw new UnsupportedOperationException();
    }

    public void setNodeId(String nodeId) {
        throw new UnsupportedOperationException();
    }

    public List<String> getEnclosingBlocks() {
        throw new UnsupportedOperationException();
    }

    public void setEnclosingBlocks(List<String> enclosingBlocks) {
        throw new UnsupportedOperationException();
    }

    public List<String> getEnclosingBlockNames() {
        throw new UnsupportedOperationException();
    }

    public void setEnclosingBlockNames(List<String> enclosingBlockNames) {
        throw new UnsupportedOperationException();
    }
}

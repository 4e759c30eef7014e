// Signature stub of hudson.EnvVars from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 4320331661987259022L;

    public EnvVars() {
        throw new UnsupportedOperationException();
    }

    public EnvVars(Map<String, String> m) {
        throw new UnsupportedOperationException();
    }

    public String expand(String s) {
        throw new UnsupportedOperationException();
    }
}

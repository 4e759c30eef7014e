// Signature stub of hudson.remoting.Callable from org.jenkins-ci.main:remoting:3301.v4363ddcca_4e7; declarations only, never shipped.
package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {
    V call() throws T;
}

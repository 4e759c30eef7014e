// Signature stub of hudson.remoting.VirtualChannel from org.jenkins-ci.main:remoting:3301.v4363ddcca_4e7; declarations only, never shipped.
package hudson.remoting;

import java.io.IOException;

public interface VirtualChannel {
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}

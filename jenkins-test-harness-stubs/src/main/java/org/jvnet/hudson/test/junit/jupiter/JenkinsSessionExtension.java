// Signature stub of org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension from org.jenkins-ci.main:jenkins-test-harness:2537.v48fd29a_7070d; declarations only, never shipped.
package org.jvnet.hudson.test.junit.jupiter;

import java.io.File;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {

    public File getHome() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        throw new UnsupportedOperationException();
    }

    @FunctionalInterface
    public interface Step {
        void run(JenkinsRule r) throws Throwable;
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException();
    }
}

// Signature stub of org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension from org.jenkins-ci.main:jenkins-test-harness:2537.v48fd29a_7070d; declarations only, never shipped.
package org.jvnet.hudson.test.junit.jupiter;

import java.io.Serializable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.JenkinsRule;

public class RealJenkinsExtension implements BeforeEachCallback, AfterEachCallback {

    public RealJenkinsExtension() {
        throw new UnsupportedOperationException();
    }

    public RealJenkinsExtension addPlugins(String... plugins) {
        throw new UnsupportedOperationException();
    }

    public RealJenkinsExtension omitPlugins(String... plugins) {
        throw new UnsupportedOperationException();
    }

    public RealJenkinsExtension javaOptions(String... options) {
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
    public interface Step extends Serializable {
        void run(JenkinsRule r) throws Throwable;
    }

    public void then(Step... steps) throws Throwable {
        throw new UnsupportedOperationException();
    }
}

// Signature stub of org.jvnet.hudson.test.JenkinsRule from org.jenkins-ci.main:jenkins-test-harness:2537.v48fd29a_7070d
// (the version plugin POM 5.31 pins); declarations only, never shipped. The real class also implements JUnit 4's
// TestRule and MethodRule and Jenkins' RootAction, and its WebClient extends HtmlUnit's: left out, nothing here uses them.
package org.jvnet.hudson.test;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.Slave;
import hudson.model.TopLevelItem;
import hudson.slaves.DumbSlave;
import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

@SuppressWarnings("rawtypes")
public class JenkinsRule {
    public Jenkins jenkins;

    public JenkinsRule() {
        throw new UnsupportedOperationException();
    }

    public Jenkins getInstance() {
        throw new UnsupportedOperationException();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <T extends TopLevelItem> T createProject(Class<T> type) throws IOException {
        throw new UnsupportedOperationException();
    }

    public DumbSlave createSlave() throws Exception {
        throw new UnsupportedOperationException();
    }

    public DumbSlave createSlave(boolean waitForChannelConnect) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void disconnectSlave(DumbSlave agent) throws Exception {
        throw new UnsupportedOperationException();
    }

    public DumbSlave createOnlineSlave() throws Exception {
        throw new UnsupportedOperationException();
    }

    public void waitOnline(Slave s) throws Exception {
        throw new UnsupportedOperationException();
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException();
    }

    public JSONWebResponse getJSON(String path) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <R extends Run> R assertBuildStatusSuccess(Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertSuccess(J job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable>
            R buildAndAssertStatus(Result status, J job) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException();
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void assertEqualDataBoundBeans(Object lhs, Object rhs) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void waitUntilNoActivity() throws Exception {
        throw new UnsupportedOperationException();
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException();
    }

    /** The real class extends org.htmlunit.WebClient (which implements AutoCloseable). */
    public class WebClient implements AutoCloseable {
        public WebClient() {
            throw new UnsupportedOperationException();
        }

        public JSONWebResponse getJSON(String path) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException();
        }
    }

    /** The real class extends HtmlUnit's WebResponseWrapper, where getContentAsString is declared. */
    public static class JSONWebResponse {
        private JSONWebResponse() {
            throw new UnsupportedOperationException();
        }

        public String getContentAsString() {
            throw new UnsupportedOperationException();
        }
    }
}

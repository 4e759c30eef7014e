// Signature stub of com.cloudbees.plugins.credentials.SystemCredentialsProvider from org.jenkins-ci.plugins:credentials:1480; declarations only, never shipped.
// The real class also implements Saveable; its constructor is public and loads from disk.
package com.cloudbees.plugins.credentials;

import hudson.model.AbstractDescribableImpl;
import java.io.IOException;
import java.util.List;

public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException();
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException();
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException();
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }
}

// Signature stub of org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl from org.jenkins-ci.plugins:plain-credentials; declarations only, never shipped.
// The real class extends BaseStandardCredentials; its other constructors take a FileItem.
package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.model.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

public final class FileCredentialsImpl implements FileCredentials {
    private static final long serialVersionUID = 1L;

    public FileCredentialsImpl(CredentialsScope scope, String id, String description, String fileName, SecretBytes secretBytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream getContent() throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<Credentials> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}

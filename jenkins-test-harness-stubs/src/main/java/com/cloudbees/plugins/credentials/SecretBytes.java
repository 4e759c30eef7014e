// Signature stub of com.cloudbees.plugins.credentials.SecretBytes from org.jenkins-ci.plugins:credentials:1480; declarations only, never shipped.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public class SecretBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private SecretBytes(byte[] value) {
        throw new UnsupportedOperationException();
    }

    public static SecretBytes fromBytes(byte[] data) {
        throw new UnsupportedOperationException();
    }

    public byte[] getPlainData() {
        throw new UnsupportedOperationException();
    }
}

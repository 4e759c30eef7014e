// Signature stub of com.cloudbees.plugins.credentials.CredentialsScope from org.jenkins-ci.plugins:credentials:1480; declarations only, never shipped.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}

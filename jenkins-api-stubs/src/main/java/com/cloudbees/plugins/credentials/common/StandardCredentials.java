// Signature stub of com.cloudbees.plugins.credentials.common.StandardCredentials from org.jenkins-ci.plugins:credentials:1480.v2246fd131e83; declarations only, never shipped.
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}

// Signature stub of com.cloudbees.plugins.credentials.common.IdCredentials from org.jenkins-ci.plugins:credentials:1480.v2246fd131e83; declarations only, never shipped.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;

public interface IdCredentials extends Credentials {
    String getId();
}

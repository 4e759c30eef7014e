// Signature stub of com.cloudbees.plugins.credentials.common.StandardListBoxModel from org.jenkins-ci.plugins:credentials:1480.v2246fd131e83; declarations only, never shipped.
package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
        throw new UnsupportedOperationException();
    }

    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException();
    }
}

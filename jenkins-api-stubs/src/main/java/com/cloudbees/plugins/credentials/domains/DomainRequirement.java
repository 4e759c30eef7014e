// Signature stub of com.cloudbees.plugins.credentials.domains.DomainRequirement from org.jenkins-ci.plugins:credentials:1480.v2246fd131e83; declarations only, never shipped.
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

public class DomainRequirement implements ExtensionPoint, Serializable {
    private static final long serialVersionUID = 1L;
}

// Signature stub of org.jenkinsci.plugins.workflow.actions.PersistentAction from org.jenkins-ci.plugins.workflow:workflow-api:1384.vdc05a_48f535f; declarations only, never shipped.
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {
}

// Signature stub of hudson.model.BuildBadgeAction from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

public interface BuildBadgeAction extends Action {
}

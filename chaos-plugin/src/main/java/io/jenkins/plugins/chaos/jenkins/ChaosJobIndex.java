package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.alert.DeadMansSwitchIndex;
import java.io.File;
import java.io.IOException;
import jenkins.model.Jenkins;

/**
 * The controller's one {@link DeadMansSwitchIndex}, read from {@code $JENKINS_HOME} when first needed. Held per home
 * directory: a JVM that starts Jenkins again with another home (JenkinsRule does, test after test) must not keep
 * writing into the first one.
 */
final class ChaosJobIndex {
    private static DeadMansSwitchIndex index;
    private static File home;

    private ChaosJobIndex() {
    }

    static DeadMansSwitchIndex get() throws IOException {
        return of(Jenkins.get().getRootDir());
    }

    static synchronized DeadMansSwitchIndex of(File jenkinsHome) throws IOException {
        if (index == null || !jenkinsHome.equals(home)) {
            index = DeadMansSwitchIndex.load(ChaosStateFiles.deadMansSwitch(jenkinsHome).toPath());
            home = jenkinsHome;
        }
        return index;
    }
}

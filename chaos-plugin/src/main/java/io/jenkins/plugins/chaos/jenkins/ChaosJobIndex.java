package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.alert.DeadMansSwitchIndex;
import java.io.IOException;
import jenkins.model.Jenkins;

/** The controller's one {@link DeadMansSwitchIndex}, read from {@code $JENKINS_HOME} when first needed. */
final class ChaosJobIndex {
    private static DeadMansSwitchIndex index;

    private ChaosJobIndex() {
    }

    static synchronized DeadMansSwitchIndex get() throws IOException {
        if (index == null) {
            index = DeadMansSwitchIndex.load(ChaosStateFiles.deadMansSwitch(Jenkins.get().getRootDir()).toPath());
        }
        return index;
    }
}

// Signature stub of org.jenkinsci.plugins.badge.actions.EmbeddableBadgeConfigsAction from
// org.jenkins-ci.plugins:embeddable-build-status:637.vd878e68178f8 (the version bom-2.504.x 5983.v443959746f1f pins);
// declarations only, never shipped. The real class and getters also carry Stapler's @ExportedBean/@Exported, left out here.
package org.jenkinsci.plugins.badge.actions;

import hudson.model.Action;
import hudson.model.BuildBadgeAction;
import java.io.Serializable;
import org.jenkinsci.plugins.badge.EmbeddableBadgeConfig;

public class EmbeddableBadgeConfigsAction implements Action, Serializable, BuildBadgeAction {
    private static final long serialVersionUID = 1L;

    public EmbeddableBadgeConfigsAction() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    public EmbeddableBadgeConfig getConfig(String id) {
        throw new UnsupportedOperationException();
    }

    public void addConfig(EmbeddableBadgeConfig config) {
        throw new UnsupportedOperationException();
    }
}

// Signature stub of org.jenkinsci.plugins.badge.EmbeddableBadgeConfig from
// org.jenkins-ci.plugins:embeddable-build-status:637.vd878e68178f8 (the version bom-2.504.x 5983.v443959746f1f pins);
// declarations only, never shipped. The real setters also carry script-security's @Whitelisted, left out here.
package org.jenkinsci.plugins.badge;

import java.io.Serializable;

public class EmbeddableBadgeConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public EmbeddableBadgeConfig(String id) {
        throw new UnsupportedOperationException();
    }

    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    public void setSubject(String subject) {
        throw new UnsupportedOperationException();
    }

    public void setStatus(String status) {
        throw new UnsupportedOperationException();
    }

    public void setColor(String color) {
        throw new UnsupportedOperationException();
    }

    public void setLink(String link) {
        throw new UnsupportedOperationException();
    }

    public String getSubject() {
        throw new UnsupportedOperationException();
    }

    public String getColor() {
        throw new UnsupportedOperationException();
    }

    public String getLink() {
        throw new UnsupportedOperationException();
    }
}

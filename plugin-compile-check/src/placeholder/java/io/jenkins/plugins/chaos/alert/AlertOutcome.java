// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;

public class AlertOutcome implements Serializable {
    private static final long serialVersionUID = 1L;
}

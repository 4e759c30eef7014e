// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.fault;

import java.io.Serializable;

public record ChaosResourceRef(String apiVersion, String kind, String namespace, String name) implements Serializable {
}

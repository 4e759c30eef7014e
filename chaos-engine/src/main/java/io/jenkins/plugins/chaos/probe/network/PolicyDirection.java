package io.jenkins.plugins.chaos.probe.network;

/** The two sides of a flow a NetworkPolicy can restrict. */
public enum PolicyDirection {
    INGRESS("Ingress"),
    EGRESS("Egress");

    private final String policyType;

    PolicyDirection(String policyType) {
        this.policyType = policyType;
    }

    /** The value in {@code spec.policyTypes}. */
    public String policyType() {
        return policyType;
    }
}

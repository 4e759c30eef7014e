package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;

/**
 * Whether a flow is admitted: the source's egress AND the destination's ingress must both allow it.
 */
public record FlowDecision(FlowEndpoint source, FlowEndpoint destination, PortSpec port,
                           DirectionDecision egress, DirectionDecision ingress) implements Serializable {

    public boolean allowed() {
        return egress.allowed() && ingress.allowed();
    }

    public String explain() {
        return source.describe() + " -> " + destination.describe() + " " + port + ": "
                + (allowed() ? "ADMITTED" : "DENIED") + "; " + egress.explain() + "; " + ingress.explain();
    }
}

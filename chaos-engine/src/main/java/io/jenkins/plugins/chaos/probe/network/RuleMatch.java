package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;

/**
 * A rule that admitted a flow.
 *
 * @param policy    {@code namespace/name} of the NetworkPolicy
 * @param direction which side of the flow the rule is on
 * @param ruleIndex index in {@code spec.ingress} or {@code spec.egress}
 * @param rule      the rule in words: its peers and ports
 */
public record RuleMatch(String policy, PolicyDirection direction, int ruleIndex, String rule) implements Serializable {

    @Override
    public String toString() {
        return policy + " " + rule;
    }
}

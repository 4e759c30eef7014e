package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What the policies of one side of a flow decided.
 *
 * @param direction         ingress (the destination's policies) or egress (the source's policies)
 * @param isolatingPolicies {@code namespace/name} of every policy that selects the pod for this direction; empty
 *                          when the pod is not isolated, and then everything is allowed
 * @param defaultDeny       those of {@code isolatingPolicies} that have no rule for this direction at all
 * @param admittedBy        the rules that admit the flow; empty when denied or when not isolated
 */
public record DirectionDecision(PolicyDirection direction, List<String> isolatingPolicies, List<String> defaultDeny,
                                List<RuleMatch> admittedBy) implements Serializable {

    public DirectionDecision {
        isolatingPolicies = List.copyOf(isolatingPolicies);
        defaultDeny = List.copyOf(defaultDeny);
        admittedBy = List.copyOf(admittedBy);
    }

    public boolean isolated() {
        return !isolatingPolicies.isEmpty();
    }

    public boolean allowed() {
        return !isolated() || !admittedBy.isEmpty();
    }

    public String explain() {
        String side = direction.policyType().toLowerCase(Locale.ROOT);
        if (!isolated()) {
            return side + " allowed: no policy isolates the pod for " + side;
        }
        if (!admittedBy.isEmpty()) {
            return side + " allowed by " + admittedBy;
        }
        return side + " denied: isolated by " + isolatingPolicies
                + (defaultDeny.isEmpty() ? "" : " (default deny: " + defaultDeny + ")") + " and no rule admits the flow";
    }
}

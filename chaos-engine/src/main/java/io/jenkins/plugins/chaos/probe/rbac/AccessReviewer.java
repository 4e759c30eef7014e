package io.jenkins.plugins.chaos.probe.rbac;

import java.util.List;

/** Answers whether a service account may perform an action, the way the cluster's authorizer would. */
public interface AccessReviewer {

    boolean allowed(AccessRequest request);

    /** The answer with the evidence behind it; reviewers that know which binding grants access override this. */
    default AccessDecision review(AccessRequest request) {
        return new AccessDecision(allowed(request), List.of(), "");
    }

    /** What the evidence calls this reviewer. */
    default String describe() {
        return getClass().getSimpleName();
    }
}

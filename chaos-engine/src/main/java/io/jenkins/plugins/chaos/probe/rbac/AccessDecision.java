package io.jenkins.plugins.chaos.probe.rbac;

import java.io.Serializable;
import java.util.List;

/**
 * A reviewer's answer with what it knows about why.
 *
 * @param allowed whether the request is allowed
 * @param grants  the bindings and roles that grant it ({@code ClusterRoleBinding x -> ClusterRole y}), when the
 *                reviewer can tell; empty otherwise
 * @param reason  the reviewer's own explanation (the SubjectAccessReview's {@code status.reason}), may be empty
 */
public record AccessDecision(boolean allowed, List<String> grants, String reason) implements Serializable {

    public AccessDecision {
        grants = grants == null ? List.of() : List.copyOf(grants);
        reason = reason == null ? "" : reason;
    }
}

package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Objects;

/**
 * Asks the API server itself through a SubjectAccessReview, so that every authorizer of the cluster (RBAC,
 * webhooks, Node) takes part, not just the RBAC objects we can read. Needs {@code create} on
 * {@code subjectaccessreviews} for the probe's own credentials.
 */
public final class SubjectAccessReviewer implements AccessReviewer {

    private final KubernetesClient client;

    public SubjectAccessReviewer(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public boolean allowed(AccessRequest request) {
        return review(request).allowed();
    }

    @Override
    public AccessDecision review(AccessRequest request) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(request.user())
                .withGroups(request.groups())
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withNamespace(request.targetNamespace())
                        .withVerb(request.verb())
                        .withGroup(request.apiGroup())
                        .withResource(request.resource())
                        .withSubresource(request.subresource().isEmpty() ? null : request.subresource())
                        .withName(request.resourceName().isEmpty() ? null : request.resourceName())
                        .build())
                .endSpec()
                .build();
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
        SubjectAccessReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || status.getAllowed() == null) {
            // An answer without a decision is not a denial: treating it as one would turn a broken reviewer into a pass.
            throw new IllegalStateException("SubjectAccessReview for " + request.describe() + " came back without status.allowed");
        }
        String reason = status.getReason() == null ? "" : status.getReason();
        if (status.getEvaluationError() != null && !status.getEvaluationError().isEmpty()) {
            reason = (reason.isEmpty() ? "" : reason + "; ") + "evaluation error: " + status.getEvaluationError();
        }
        return new AccessDecision(Boolean.TRUE.equals(status.getAllowed()), List.of(), reason);
    }

    @Override
    public String describe() {
        return "SubjectAccessReview";
    }
}

package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.account;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.role;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.roleBinding;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.rule;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.serviceAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SubjectAccessReview goes over real HTTP to a mock API server on 127.0.0.1 that plays the authorizer: it
 * records what it was asked and answers with a rule the test chooses.
 */
class SubjectAccessReviewerTest {

    private static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private final List<SubjectAccessReview> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws UnknownHostException {
        server = new KubernetesMockServer(false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    /** The authorizer allows what the predicate accepts and echoes the review back with a status, as the API server does. */
    private void authorizer(Predicate<SubjectAccessReview> allow) {
        server.expect().post().withPath(PATH).andReply(201, request -> {
            SubjectAccessReview review = Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
            asked.add(review);
            boolean allowed = allow.test(review);
            review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
                    .withReason(allowed ? "RBAC: allowed by RoleBinding \"tenant-app\"" : "").build());
            return review;
        }).always();
    }

    @Test
    void sendsTheServiceAccountIdentityAndResourceAttributes() {
        authorizer(review -> "tenant-alice".equals(review.getSpec().getResourceAttributes().getNamespace()));
        SubjectAccessReviewer reviewer = new SubjectAccessReviewer(client);

        AccessDecision own = reviewer.review(new AccessRequest("tenant-alice", "default", "create", "pods", "exec", "tenant-alice"));
        assertTrue(own.allowed());
        assertEquals("RBAC: allowed by RoleBinding \"tenant-app\"", own.reason());
        assertFalse(reviewer.allowed(new AccessRequest("tenant-alice", "default", "get", "secrets", "", "tenant-bob")));

        SubjectAccessReview first = asked.get(0);
        assertEquals("system:serviceaccount:tenant-alice:default", first.getSpec().getUser());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:tenant-alice", "system:authenticated"),
                first.getSpec().getGroups());
        assertEquals("create", first.getSpec().getResourceAttributes().getVerb());
        assertEquals("pods", first.getSpec().getResourceAttributes().getResource());
        assertEquals("exec", first.getSpec().getResourceAttributes().getSubresource());
        assertEquals("", first.getSpec().getResourceAttributes().getGroup());
        assertNull(asked.get(1).getSpec().getResourceAttributes().getSubresource());
        assertEquals("tenant-bob", asked.get(1).getSpec().getResourceAttributes().getNamespace());
    }

    @Test
    void anAnswerWithoutStatusIsAFailureNotADenial() {
        server.expect().post().withPath(PATH).andReply(201, request ->
                Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class)).always();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SubjectAccessReviewer(client)
                .allowed(new AccessRequest("tenant-alice", "default", "get", "secrets", "", "tenant-bob")));
        assertTrue(e.getMessage().contains("without status.allowed"), e.getMessage());
    }

    @Test
    void anAuthorizerThatDeniesEverythingFailsThePositiveControl() {
        authorizer(review -> false);
        RbacSnapshot snapshot = new RbacSnapshot(
                List.of(role("tenant-alice", "tenant-app", rule("get", "", "configmaps")),
                        role("tenant-bob", "tenant-app", rule("get", "", "configmaps"))),
                List.of(),
                List.of(roleBinding("tenant-alice", "tenant-app", "Role", "tenant-app", serviceAccount("tenant-alice", "default")),
                        roleBinding("tenant-bob", "tenant-app", "Role", "tenant-app", serviceAccount("tenant-bob", "default"))),
                List.of(), List.of(account("tenant-alice", "default")));
        List<CheckResult> results = new RbacIsolationCheck(List.of("tenant-alice", "tenant-bob"),
                new SubjectAccessReviewer(client)).run(snapshot);
        assertEquals(12, results.size());
        results.forEach(r -> assertEquals(Verdict.ERROR, r.verdict(), r.toString()));
        assertTrue(results.stream().anyMatch(r -> r.evidence().contains(
                "asked: system:serviceaccount:tenant-alice:default get configmaps in namespace tenant-alice")));
    }

    @Test
    void anAuthorizerThatAllowsEverythingIsABreachEverywhere() {
        authorizer(review -> true);
        RbacSnapshot snapshot = new RbacSnapshot(
                List.of(role("tenant-alice", "tenant-app", rule("get", "", "configmaps"))), List.of(),
                List.of(roleBinding("tenant-alice", "tenant-app", "Role", "tenant-app", serviceAccount("tenant-alice", "default"))),
                List.of(), List.of());
        List<CheckResult> results = new RbacIsolationCheck(List.of("tenant-alice", "tenant-bob"),
                new SubjectAccessReviewer(client)).run(snapshot);
        CheckResult breach = results.stream().filter(r -> r.name().equals("tenant-alice->tenant-bob create pods/exec"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.CRITICAL, breach.verdict());
        assertTrue(breach.evidence().contains("ALLOWED system:serviceaccount:tenant-alice:default create pods/exec in namespace"
                + " tenant-bob: RBAC: allowed by RoleBinding \"tenant-app\""), breach.evidence().toString());
        // bob has no own RoleBinding, so no positive control, but an allowed answer is still a breach
        CheckResult fromBob = results.stream().filter(r -> r.name().equals("tenant-bob->tenant-alice get secrets"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.CRITICAL, fromBob.verdict());
    }
}

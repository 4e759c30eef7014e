package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * #10's defects as a real Jenkins shows them. Compiled and run only with {@code mvn -Pjenkins verify}; the plain
 * parts are tested on every build in plugin-compile-check (ChaosStepSafetyTest, GlobalSettingsCheckTest,
 * PluginWiringTest).
 */
@WithJenkins
class ChaosStepSafetyJenkinsTest {

    static final String DELAY_MANIFEST = "apiVersion: chaos-mesh.org/v1alpha1\n"
            + "kind: NetworkChaos\n"
            + "metadata: {name: slow-provider, namespace: inference}\n"
            + "spec:\n"
            + "  action: delay\n"
            + "  mode: all\n"
            + "  duration: 20s\n"
            + "  selector: {namespaces: [inference], labelSelectors: {app: provider}}\n"
            + "  delay: {latency: 200ms}\n";

    static void credentials(PlaygroundFixture playground) throws Exception {
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "playground", "kubeconfig",
                SecretBytes.fromBytes(playground.kubeconfig().getBytes(StandardCharsets.UTF_8))));
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, tenant.getKey() + "-token", "", Secret.fromString(tenant.getValue())));
        }
        SystemCredentialsProvider.getInstance().save();
    }

    static String probe(PlaygroundFixture playground, String extra) {
        StringBuilder tenants = new StringBuilder();
        for (String tenant : playground.tenantTokens().keySet()) {
            tenants.append("[name: '").append(tenant).append("', namespace: 'tenant-").append(tenant)
                    .append("', tokenCredentialsId: '").append(tenant).append("-token'],");
        }
        return "tenantIsolationProbe(name: 'isolation', environment: 'playground', kubeconfigCredentialsId: 'kubeconfig',"
                + " gateway: '" + playground.gatewayUrl() + "', tenants: [" + tenants + "],"
                + " endpoints: ['GET /v1/tenants/{tenant}/files']" + extra + ")";
    }

    private static WorkflowJob job(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    void aBodylessManifestIsHeldForItsDurationThenRemoved(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = job(j, "node {\n"
                    + "  writeFile file: 'delay.yaml', text: '''" + DELAY_MANIFEST + "'''\n"
                    + "  chaosInject(name: 'slow', environment: 'playground', manifest: 'delay.yaml', kubeconfigCredentialsId: 'kubeconfig')\n"
                    + "}\n").scheduleBuild2(0).waitForStart();
            j.waitForMessage("holding the fault for 20s", run);
            assertTrue(playground.chaosResourceCount() > 0, "held, not removed at once (the hold was 0s before #10)");
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("fault duration over", run);
            assertEquals(0, playground.chaosResourceCount());
        }
    }

    @Test
    void aDryRunHoldsNothing(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertSuccess(job(j, "node { chaosInject(name: 'p', environment: 'playground',"
                    + " kind: 'PodChaos', action: 'pod-failure', mode: 'all', duration: '10m', dryRun: true,"
                    + " kubeconfigCredentialsId: 'kubeconfig', selector: [namespaces: ['tenant-alice']]) }"));
            j.assertLogContains("dry run: nothing to hold", run);
            assertTrue(run.getDuration() < 120_000, "a dry run does not sleep through the fault's 10 minutes");
        }
    }

    @Test
    void reportDirDotIsRefusedAndTheWorkspaceStays(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j, "node {\n"
                    + "  writeFile file: 'keep.txt', text: 'mine'\n"
                    + "  try { " + probe(playground, ", reportDir: '.'") + " } finally { echo \"kept=${fileExists('keep.txt')}\" }\n"
                    + "}\n"));
            j.assertLogContains("reportDir: '.' is not allowed", run);
            j.assertLogContains("kept=true", run);
        }
    }

    @Test
    void parallelProbesGetTheirOwnPagesAndTheirStages(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertSuccess(job(j, "stage('isolation') { parallel(\n"
                    + "  a: { node { " + probe(playground, ", reportDir: 'reports/a'") + " } },\n"
                    + "  b: { node { " + probe(playground, ", reportDir: 'reports/b'") + " } })\n"
                    + "}\n"));
            List<ChaosRunAction> pages = run.getActions(ChaosRunAction.class);
            Set<String> names = new HashSet<>();
            pages.forEach(page -> names.add(page.getUrlName()));
            assertEquals(2, names.size(), "one page each: " + names);
            TestResultAction tests = run.getAction(TestResultAction.class);
            assertNotNull(tests);
            assertTrue(tests.getResult().getSuites().stream().allMatch(suite -> suite.getEnclosingBlockNames().contains("isolation")),
                    "every suite is attributed to its stage");
        }
    }

    @Test
    void globalAlertCredentialsTheJobCannotSeeDoNotLoseTheVerdict(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("leaky")) {
            credentials(playground);
            // SYSTEM scope: Jenkins itself may use it, no job can
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                    "slack-webhook", "", Secret.fromString("http://127.0.0.1:9/services/T000/B000/XXXX")));
            SystemCredentialsProvider.getInstance().save();
            ChaosGlobalConfiguration.get().setSlackCredentialsId("slack-webhook");
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j, "node { " + probe(playground, "") + " }"));
            j.assertLogContains("critical breach", run);
            j.assertLogNotContains("no secret-text credential with id 'slack-webhook'", run);
            j.assertLogNotContains("XXXX", run);
            assertNotNull(run.getAction(TestResultAction.class), "JUnit results kept");
            assertNotNull(run.getAction(ChaosRunAction.class), "build page kept");
        }
    }

    @Test
    void cleanupRunsFromTheControllerWhenTheAgentIsGone(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            DumbSlave agent = j.createOnlineSlave();
            WorkflowRun run = job(j, "node('" + agent.getNodeName() + "') {\n"
                    + "  chaosInject(name: 'partition', environment: 'playground', kind: 'NetworkChaos', action: 'partition',"
                    + " mode: 'all', duration: '10m', direction: 'both', kubeconfigCredentialsId: 'kubeconfig',"
                    + " selector: [namespaces: ['tenant-alice']], target: [namespaces: ['tenant-bob']]) {\n"
                    + "    echo 'body started'\n"
                    + "    sleep 600\n"
                    + "  }\n"
                    + "}\n").scheduleBuild2(0).waitForStart();
            j.waitForMessage("body started", run);
            assertTrue(playground.chaosResourceCount() > 0);
            agent.toComputer().disconnect(null).get();
            run.doStop();
            j.waitForCompletion(run);
            j.assertLogContains("removing the faults from the controller", run);
            assertEquals(0, playground.chaosResourceCount(), "the controller's fallback removed the fault");
        }
    }
}

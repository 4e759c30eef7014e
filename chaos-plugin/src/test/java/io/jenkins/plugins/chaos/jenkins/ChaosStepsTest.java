package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.tasks.junit.TestResultAction;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real pipelines against the embedded playground. Compiled and run only with {@code mvn -Pjenkins verify}, where the
 * Jenkins repository is reachable.
 */
@WithJenkins
class ChaosStepsTest {

    private static void credentials(PlaygroundFixture playground) throws Exception {
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "playground", "kubeconfig",
                SecretBytes.fromBytes(playground.kubeconfig().getBytes(StandardCharsets.UTF_8))));
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, tenant.getKey() + "-token", "", Secret.fromString(tenant.getValue())));
        }
        SystemCredentialsProvider.getInstance().save();
    }

    private static String isolationPipeline(PlaygroundFixture playground) {
        StringBuilder tenants = new StringBuilder();
        for (String tenant : playground.tenantTokens().keySet()) {
            tenants.append("[name: '").append(tenant).append("', namespace: 'tenant-").append(tenant)
                    .append("', tokenCredentialsId: '").append(tenant).append("-token'],");
        }
        return "node {\n"
                + "  def r = tenantIsolationProbe(name: 'isolation', environment: 'playground', kubeconfigCredentialsId: 'kubeconfig',\n"
                + "      gateway: '" + playground.gatewayUrl() + "', tenants: [" + tenants + "],\n"
                + "      endpoints: ['GET /v1/tenants/{tenant}/files'])\n"
                + "  echo \"verdict=${r.verdict}\"\n"
                + "}\n";
    }

    private static WorkflowJob job(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    @Test
    void healthyGatewayPassesWithTestResults(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertSuccess(job(j, isolationPipeline(playground)));
            j.assertLogContains("verdict=PASSED", run);
            TestResultAction tests = run.getAction(TestResultAction.class);
            assertNotNull(tests, "JUnit results published");
            assertTrue(tests.getTotalCount() > 0);
            assertEquals(0, tests.getFailCount());
            assertNotNull(run.getAction(ChaosRunAction.class));
            for (String token : playground.tenantTokens().values()) {
                j.assertLogNotContains(token, run);
            }
        }
    }

    @Test
    void leakyGatewayFailsTheBuildWithTheBreachInTheLog(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("leaky")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j, isolationPipeline(playground)));
            j.assertLogContains("critical breach", run);
            TestResultAction tests = run.getAction(TestResultAction.class);
            assertNotNull(tests);
            assertTrue(tests.getFailCount() > 0, "the breach is a failed testcase");
            ChaosRunAction action = run.getAction(ChaosRunAction.class);
            assertEquals("CRITICAL", action.getVerdict());
        }
    }

    @Test
    void slowFailoverMakesTheBuildUnstable(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("slow")) {
            credentials(playground);
            String script = "node {\n"
                    + "  providerFailoverProbe(name: 'latency', environment: 'playground', kubeconfigCredentialsId: 'kubeconfig',\n"
                    + "      gateway: '" + playground.gatewayUrl() + "', path: '/v1/tenants/" + playground.tenantTokens().keySet().iterator().next() + "/chat/completions',\n"
                    + "      tokenCredentialsId: '" + playground.tenantTokens().keySet().iterator().next() + "-token',\n"
                    + "      maxLatency: '1s', requestsPerSecond: 5,\n"
                    + "      faults: [[name: 'primary-slow', kind: 'HTTPChaos', action: 'delay', latency: '2s', mode: 'all', duration: '20s',\n"
                    + "                port: 9000, selector: [namespaces: ['inference'], labelSelectors: ['app=provider', 'provider=primary']]]])\n"
                    + "}\n";
            WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job(j, script));
            assertNotNull(run.getAction(TestResultAction.class));
            assertEquals(0, playground.chaosResourceCount(), "the fault was removed");
        }
    }

    @Test
    void abortDuringChaosInjectBodyLeavesNoChaosResource(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            String script = "node {\n"
                    + "  chaosInject(name: 'partition', kind: 'NetworkChaos', action: 'partition', mode: 'all', duration: '10m',\n"
                    + "              kubeconfigCredentialsId: 'kubeconfig', direction: 'both',\n"
                    + "              selector: [namespaces: ['tenant-alice']], target: [namespaces: ['tenant-bob']]) {\n"
                    + "    echo 'body started'\n"
                    + "    sleep 600\n"
                    + "  }\n"
                    + "}\n";
            WorkflowRun run = job(j, script).scheduleBuild2(0).waitForStart();
            j.waitForMessage("body started", run);
            assertTrue(playground.chaosResourceCount() > 0, "the fault is active while the body runs");
            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            j.assertLogContains("removing the faults of run", run);
            assertEquals(0, playground.chaosResourceCount(), "nothing left behind after the abort");
        }
    }

    @Test
    void invalidArgumentsFailBeforeAnythingIsApplied(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job(j,
                    "node { chaosInject(kind: 'PodChaos', action: 'pod-kill', kubeconfigCredentialsId: 'kubeconfig', "
                            + "selector: [namespaces: ['kube-system']]) }"));
            j.assertLogContains("Invalid chaos experiment", run);
            assertEquals(0, playground.chaosResourceCount());
        }
    }
}

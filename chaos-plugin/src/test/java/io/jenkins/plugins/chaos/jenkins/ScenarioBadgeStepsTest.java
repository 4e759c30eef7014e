package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import hudson.util.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.badge.EmbeddableBadgeConfig;
import org.jenkinsci.plugins.badge.actions.EmbeddableBadgeConfigsAction;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The scenario badge with the embeddable-build-status plugin installed (it is an optional dependency, so it is on the
 * test classpath). Compiled and run only with {@code mvn -Pjenkins verify}.
 */
@WithJenkins
class ScenarioBadgeStepsTest {

    private static void credentials(PlaygroundFixture playground) throws Exception {
        var store = SystemCredentialsProvider.getInstance().getCredentials();
        store.add(new FileCredentialsImpl(CredentialsScope.GLOBAL, "kubeconfig", "playground", "kubeconfig",
                SecretBytes.fromBytes(playground.kubeconfig().getBytes(StandardCharsets.UTF_8))));
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            store.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, tenant.getKey() + "-token", "", Secret.fromString(tenant.getValue())));
        }
        SystemCredentialsProvider.getInstance().save();
    }

    /** @param badgeArgument Groovy text of the {@code badge:} argument, or {@code null} to leave it out */
    private static WorkflowJob isolationJob(JenkinsRule j, PlaygroundFixture playground, String badgeArgument) throws Exception {
        StringBuilder tenants = new StringBuilder();
        for (String tenant : playground.tenantTokens().keySet()) {
            tenants.append("[name: '").append(tenant).append("', namespace: 'tenant-").append(tenant)
                    .append("', tokenCredentialsId: '").append(tenant).append("-token'],");
        }
        String script = "node {\n"
                + "  tenantIsolationProbe(name: 'tenant-isolation', environment: 'playground', kubeconfigCredentialsId: 'kubeconfig',\n"
                + (badgeArgument == null ? "" : "      badge: " + badgeArgument + ",\n")
                + "      gateway: '" + playground.gatewayUrl() + "', tenants: [" + tenants + "],\n"
                + "      endpoints: ['GET /v1/tenants/{tenant}/files'])\n"
                + "}\n";
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static EmbeddableBadgeConfig badge(WorkflowRun run, String name) {
        EmbeddableBadgeConfigsAction configs = run.getAction(EmbeddableBadgeConfigsAction.class);
        assertNotNull(configs, "the build has badge configurations");
        EmbeddableBadgeConfig config = configs.getConfig(name);
        assertNotNull(config, "badge '" + name + "' published");
        return config;
    }

    private static String icon(JenkinsRule j, WorkflowJob job, String name) throws Exception {
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            // getJSON only fetches: the badge is SVG, and the plugin's own tests read it the same way
            return web.getJSON(j.getURL() + "buildStatus/icon?job=" + URLEncoder.encode(job.getFullName(), StandardCharsets.UTF_8)
                    + "&config=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).getContentAsString();
        }
    }

    @Test
    void healthyRunPublishesAPassingBadgeNamedAfterTheExperiment(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            JenkinsLocationConfiguration.get().setUrl(j.getURL().toString());
            WorkflowJob job = isolationJob(j, playground, null);
            WorkflowRun run = j.buildAndAssertSuccess(job);
            EmbeddableBadgeConfig config = badge(run, "tenant-isolation");
            assertEquals("tenant-isolation", config.getSubject());
            assertEquals("passing", config.getStatus());
            assertEquals("brightgreen", config.getColor());
            assertTrue(config.getLink().endsWith(run.getUrl() + "chaos-0/"), config.getLink());
            j.assertLogContains("badge 'tenant-isolation: passing' at ", run);
            String svg = icon(j, job, "tenant-isolation");
            assertTrue(svg.contains("passing"), svg);
            assertTrue(svg.contains("tenant-isolation"), svg);
        }
    }

    @Test
    void leakyRunPublishesAFailingBadgeAndTheBuildStillFailsForTheBreach(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("leaky")) {
            credentials(playground);
            WorkflowJob job = isolationJob(j, playground, "'isolation-prod'");
            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("critical breach", run);
            EmbeddableBadgeConfig config = badge(run, "isolation-prod");
            assertEquals("isolation-prod", config.getSubject());
            assertEquals("failing", config.getStatus());
            assertEquals("red", config.getColor());
            assertNull(run.getAction(EmbeddableBadgeConfigsAction.class).getConfig("tenant-isolation"),
                    "the badge argument replaces the experiment name");
            assertTrue(icon(j, job, "isolation-prod").contains("failing"));
        }
    }

    @Test
    void anEmptyBadgeArgumentPublishesNone(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            credentials(playground);
            WorkflowRun run = j.buildAndAssertSuccess(isolationJob(j, playground, "''"));
            assertNull(run.getAction(EmbeddableBadgeConfigsAction.class));
            j.assertLogNotContains("[chaos] badge", run);
        }
    }
}

package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps on a real agent: everything the callables send and return crosses remoting and its class filter
 * (jenkins.security.ClassFilterImpl), which {@code node {}} on the built-in node never exercises. Compiled on every
 * build (plugin-test-compile-check); run only with {@code mvn -Pjenkins verify}.
 */
@WithJenkins
class AgentStepsTest {

    @Test
    void aProbeRunsOnAnAgentAndItsResultComesBack(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            DumbSlave agent = j.createOnlineSlave();
            WorkflowRun run = j.buildAndAssertSuccess(JenkinsFixtures.job(j, "on-agent",
                    JenkinsFixtures.isolationPipeline(playground, agent.getNodeName(), "")));
            j.assertLogContains("verdict=PASSED", run);
            j.assertLogNotContains("ClassFilter", run);
            assertNotNull(run.getAction(TestResultAction.class), "JUnit published from the agent's workspace");
            assertNotNull(run.getAction(ChaosRunAction.class), "the RunResult came back through the class filter");
        }
    }

    @Test
    void aGlobalAlertCredentialTheSystemCannotFindCostsTheAlertsNotTheRun(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            ChaosGlobalConfiguration.get().setPagerDutyCredentialsId("deleted-pagerduty-key");
            DumbSlave agent = j.createOnlineSlave();
            WorkflowRun run = j.buildAndAssertSuccess(JenkinsFixtures.job(j, "alerts-off",
                    JenkinsFixtures.isolationPipeline(playground, agent.getNodeName(), "")));
            j.assertLogContains("alerts are off for this run: pagerDutyCredentialsId (global configuration)", run);
            j.assertLogContains("verdict=PASSED", run);
            assertNotNull(run.getAction(ChaosRunAction.class), "the verdict and the build page stand");
        }
    }

    @Test
    void aDryRunPublishesNoJUnitAndSucceeds(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            DumbSlave agent = j.createOnlineSlave();
            WorkflowRun run = j.buildAndAssertSuccess(JenkinsFixtures.job(j, "dry-run",
                    JenkinsFixtures.isolationPipeline(playground, agent.getNodeName(), ", dryRun: true")));
            j.assertLogContains("no JUnit report to publish", run);
            j.assertLogNotContains("No test report files were found", run);
            assertNull(run.getAction(TestResultAction.class));
            assertEquals(0, playground.chaosResourceCount(), "a dry run applies nothing");
        }
    }

    @Test
    void aFaultOnAnAgentIsRemovedAfterTheBody(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            DumbSlave agent = j.createOnlineSlave();
            String script = JenkinsFixtures.injectPipeline(agent.getNodeName()).replace("sleep 600", "echo 'body done'");
            WorkflowRun run = j.buildAndAssertSuccess(JenkinsFixtures.job(j, "inject-on-agent", script));
            j.assertLogContains("removing the faults of run", run);
            assertEquals(0, playground.chaosResourceCount());
        }
    }

    @Test
    void losingTheAgentDuringTheBodyStillRemovesTheFault(JenkinsRule j) throws Exception {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            JenkinsFixtures.credentials(playground);
            DumbSlave agent = j.createOnlineSlave();
            WorkflowJob job = JenkinsFixtures.job(j, "agent-lost", JenkinsFixtures.injectPipeline(agent.getNodeName()));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("body started", run);
            assertTrue(playground.chaosResourceCount() > 0, "the fault is active while the body runs");
            j.disconnectSlave(agent);
            run.doStop();
            WorkflowRun finished = j.waitForCompletion(run);
            assertTrue(finished.getResult() == Result.ABORTED || finished.getResult() == Result.FAILURE,
                    String.valueOf(finished.getResult()));
            j.assertLogContains("removing the faults from the controller", run);
            assertEquals(0, playground.chaosResourceCount(), "the controller removed what the lost agent had applied");
        }
    }
}

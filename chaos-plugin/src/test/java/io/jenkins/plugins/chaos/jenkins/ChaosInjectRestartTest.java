package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A body-less {@code chaosInject} holds its fault with a timer whose deadline is saved with the step: a controller
 * restart during the hold neither blocks (no thread is held) nor loses the cleanup. Compiled and run only with
 * {@code mvn -Pjenkins verify}.
 */
class ChaosInjectRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void theHoldSurvivesARestartAndTheFaultIsRemovedAfterIt() throws Throwable {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            sessions.then(j -> {
                ChaosStepSafetyJenkinsTest.credentials(playground);
                WorkflowJob job = j.createProject(WorkflowJob.class, "hold");
                job.setDefinition(new CpsFlowDefinition("node {\n"
                        + "  writeFile file: 'delay.yaml', text: '''" + ChaosStepSafetyJenkinsTest.DELAY_MANIFEST + "'''\n"
                        + "  chaosInject(name: 'slow', environment: 'playground', manifest: 'delay.yaml', kubeconfigCredentialsId: 'kubeconfig')\n"
                        + "}\n", true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("holding the fault for", run);
                assertTrue(playground.chaosResourceCount() > 0);
            });
            sessions.then(j -> {
                WorkflowRun run = j.jenkins.getItemByFullName("hold", WorkflowJob.class).getBuildByNumber(1);
                j.assertBuildStatusSuccess(j.waitForCompletion(run));
                j.assertLogContains("fault duration over", run);
                assertEquals(0, playground.chaosResourceCount(), "the timer was armed again after the restart");
            });
        }
    }
}

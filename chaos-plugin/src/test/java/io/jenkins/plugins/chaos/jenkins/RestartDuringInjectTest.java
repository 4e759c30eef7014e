package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart while a {@code chaosInject} body runs: the execution comes back from program.dat (written with
 * JBoss River by workflow-support's RiverWriter) without its secrets, looks the credentials up again and removes the
 * fault; nothing under the build directory holds a secret. The global configuration survives the restart too (its
 * XStream file). Compiled on every build (plugin-test-compile-check); run only with {@code mvn -Pjenkins verify}.
 */
class RestartDuringInjectTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void cleanupRunsAfterARestartAndNoSecretIsLeftOnDisk() throws Throwable {
        try (PlaygroundFixture playground = PlaygroundFixture.start("healthy")) {
            sessions.then(j -> {
                JenkinsFixtures.credentials(playground);
                WorkflowJob job = JenkinsFixtures.job(j, "restart", JenkinsFixtures.injectPipeline(""));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                j.waitForMessage("body started", run);
                assertTrue(playground.chaosResourceCount() > 0, "the fault is active while the body runs");
                List<String> leaks = JenkinsFixtures.filesWithSecrets(run.getRootDir().toPath(), playground);
                assertEquals(List.of(), leaks, "files of the running build with a secret in them");
            });
            sessions.then(j -> {
                WorkflowJob job = j.jenkins.getItemByFullName("restart", WorkflowJob.class);
                WorkflowRun run = job.getLastBuild();
                j.waitForMessage("Resuming build", run);
                run.doStop();
                j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
                j.assertLogContains("removing the faults of run", run);
                assertEquals(0, playground.chaosResourceCount(), "the resumed execution removed the fault");
                assertEquals(List.of(), JenkinsFixtures.filesWithSecrets(run.getRootDir().toPath(), playground));
            });
        }
    }

    @Test
    void theGlobalConfigurationSurvivesAFormRoundTripAndARestart() throws Throwable {
        sessions.then(j -> {
            ChaosGlobalConfiguration config = ChaosGlobalConfiguration.get();
            config.setSlackCredentialsId("slack-webhook");
            config.setPagerDutyCredentialsId("pagerduty-key");
            config.setAllowedNamespaces("tenant-alice\ntenant-bob");
            config.setMaxFaultDuration("15m");
            config.setDeadManThresholdMinutes(45);
            config.setEnvironment("prod");
            j.configRoundtrip();
            assertEquals("15m", ChaosGlobalConfiguration.get().getMaxFaultDuration());
        });
        sessions.then(j -> {
            ChaosGlobalConfiguration config = ChaosGlobalConfiguration.get();
            assertEquals("slack-webhook", config.getSlackCredentialsId());
            assertEquals("pagerduty-key", config.getPagerDutyCredentialsId());
            assertEquals(List.of("tenant-alice", "tenant-bob"), ChaosGlobalConfiguration.splitNamespaces(config.getAllowedNamespaces()));
            assertEquals(45, config.getDeadManThresholdMinutes());
            assertEquals("prod", config.getEnvironment());
        });
    }
}

package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchIndex;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain parts of #10's fixes, which run in Jenkins exactly as here. */
class ChaosStepSafetyTest {

    private static final String TOKEN = "tenant-alice-token-0123456789";

    @Test
    void reportDirMustBeASubDirectoryOfTheWorkspace() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        for (String bad : List.of(".", "./", "./.", "..", "../elsewhere", "a/../..", "/tmp/reports", "C:\\reports", "~/r", "${WORKSPACE}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> step.setReportDir(bad),
                    "before #10 reportDir '" + bad + "' was taken and the workspace emptied");
            assertTrue(e.getMessage().startsWith("reportDir: '" + bad + "' is not allowed; use a relative sub-directory"),
                    e.getMessage());
        }
        step.setReportDir("./chaos-reports//isolation/");
        assertEquals("chaos-reports/isolation", step.getReportDir());
        assertEquals("chaos-reports/isolation", step.effectiveReportDir());
        step.setReportDir(" ");
        assertEquals("chaos-reports/tenantIsolationProbe", step.effectiveReportDir());
        assertTrue(ReportDirectory.strictlyInside("/ws/job", "/ws/job/chaos-reports"));
        assertFalse(ReportDirectory.strictlyInside("/ws/job", "/ws/job"));
        assertFalse(ReportDirectory.strictlyInside("/ws/job", "/ws/job2/reports"));
        assertTrue(ReportDirectory.strictlyInside("C:\\ws\\job", "C:\\ws\\job\\r"));
    }

    @Test
    void parallelStepsNeverClaimTheSamePage() throws Exception {
        assertEquals("chaos-2", ChaosPages.firstFree(List.of("chaos-0", "chaos-1")));
        // the count alone gave chaos-1 here, the name the existing page already has
        assertEquals("chaos-2", ChaosPages.firstFree(List.of("chaos-1")));

        List<String> pages = new CopyOnWriteArrayList<>();
        Object build = new Object();
        int branches = 8;
        CyclicBarrier together = new CyclicBarrier(branches);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            threads.add(new Thread(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                ChaosPages.claim(build, () -> List.copyOf(pages), pages::add);
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(branches, new HashSet<>(pages).size(), "distinct pages: " + pages);
    }

    @Test
    void failuresReachTheConsoleMasked() {
        SecretRedactor secrets = new SecretRedactor(List.of(TOKEN));
        IOException cause = new IOException("401 from https://gw/v1?token=" + TOKEN);
        IllegalStateException failure = new IllegalStateException("probe failed for " + TOKEN + "\nsecond line " + TOKEN, cause);
        String message = MaskedFailure.message(failure, secrets);
        assertEquals("IllegalStateException: probe failed for ****", message);
        String trace = MaskedFailure.stackTrace(failure, secrets);
        assertFalse(trace.contains(TOKEN), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: 401 from https://gw/v1?token=****"), trace);
        assertEquals("NullPointerException", MaskedFailure.message(new NullPointerException(), secrets));
    }

    @Test
    void anOutputFailureIsAWarningNotTheStepsFailure() {
        RecordingListener console = new RecordingListener();
        SecretRedactor secrets = new SecretRedactor(List.of(TOKEN));
        GuardedOutputs.publish(console, secrets, () -> {
            throw new IOException("slackCredentialsId (global configuration): no secret-text credential " + TOKEN);
        });
        GuardedOutputs.publish(console, secrets, () -> {
            throw new NoClassDefFoundError("io/prometheus/client/CollectorRegistry");
        });
        assertTrue(console.text().contains("alerts and metrics not published: IOException: slackCredentialsId (global"
                + " configuration): no secret-text credential ****; the verdict stands"), console.text());
        assertTrue(console.text().contains("NoClassDefFoundError"), console.text());
        assertFalse(console.text().contains(TOKEN));
    }

    @Test
    void theHoldDeadlineSurvivesARestartAndEndsAtOnceWhenItRanOut() {
        HoldDeadline hold = HoldDeadline.after(Duration.ofMinutes(5), 1_000_000);
        assertEquals(300_000, hold.remainingMillis(1_000_000));
        assertEquals(60_000, hold.remainingMillis(1_240_000), "after a restart 4 minutes in: one minute left");
        assertEquals(0, hold.remainingMillis(2_000_000), "over during the restart: remove at once");
        assertTrue(hold.describe(1_240_000).startsWith("1m"), hold.describe(1_240_000));
    }

    @Test
    void aWorkspaceLookupThatFailsBecauseTheAgentIsGoneMeansUseTheFallback() throws Exception {
        // what workflow-durable-task-step's FilePathDynamicContext does with the agent offline
        StepContext offline = new FakeContext(new IOException("Unable to create live FilePath for agent-1; agent-1 was marked offline"));
        assertNull(AgentWorkspace.of(offline), "before #10 this exception ended Cleanup.finished before the fallback");
        FakeContext online = new FakeContext(null);
        assertThrows(InterruptedException.class, () -> AgentWorkspace.of(new FakeContext(new InterruptedException())));
        assertNull(AgentWorkspace.of(online));
        assertEquals(Set.of(FilePath.class), online.asked);
    }

    @Test
    void stateFilesLiveUnderJenkinsHomeNamedByAHash() {
        File home = new File("/var/jenkins_home");
        File state = ChaosStateFiles.alertState(home, "../../etc/team a/isolation");
        assertEquals(new File(home, "chaos-engineering/alert-state"), state.getParentFile());
        assertTrue(state.getName().matches("[0-9a-f]{32}\\.json"), state.getName());
        assertNotEquals(state, ChaosStateFiles.alertState(home, "team a/isolation"));
        assertEquals(new File(home, "chaos-engineering/dead-mans-switch.json"), ChaosStateFiles.deadMansSwitch(home));
    }

    @Test
    void theJobIndexFollowsJenkinsHome(@TempDir Path first, @TempDir Path second) throws Exception {
        DeadMansSwitchIndex one = ChaosJobIndex.of(first.toFile());
        assertSame(one, ChaosJobIndex.of(first.toFile()));
        one.watch("team/isolation", 1_000, 30, "staging");
        // before: the first home's index stayed for good, and a Jenkins started again with another home wrote into it
        DeadMansSwitchIndex other = ChaosJobIndex.of(second.toFile());
        assertNotSame(one, other);
        assertTrue(other.jobs().isEmpty(), "a new home starts with its own (empty) index");
        other.watch("team/failover", 2_000, null, null);
        assertTrue(Files.exists(ChaosStateFiles.deadMansSwitch(second.toFile()).toPath()));
        assertEquals(Set.of("team/isolation"), ChaosJobIndex.of(first.toFile()).jobs().keySet(), "read back from the first home");
    }

    @Test
    void theSnippetGeneratorsTextareasBecomeTheSelectorsLists() {
        // what Stapler hands the setters for a textarea: the whole text as the list's one element
        FaultSelector form = new FaultSelector();
        form.setNamespaces(List.of("tenant-alice\r\ntenant-bob, inference\n"));
        form.setLabelSelectors(List.of("app=provider\ntier = model\n"));
        assertEquals(List.of("tenant-alice", "tenant-bob", "inference"), form.getNamespaces());
        assertEquals(List.of("app=provider", "tier = model"), form.getLabelSelectors());

        FaultSelector empty = new FaultSelector();
        empty.setNamespaces(List.of(""));
        empty.setLabelSelectors(List.of("  "));
        assertNull(empty.getNamespaces(), "an empty textarea is not set, not a namespace named ''");
        assertNull(empty.getLabelSelectors());

        FaultSelector pipeline = new FaultSelector();
        pipeline.setNamespaces(List.of("providers"));
        assertEquals(List.of("providers"), pipeline.getNamespaces(), "a Pipeline list is taken as it is");
    }

    /** A StepContext whose FilePath lookup fails as Jenkins' does with the agent gone. */
    private static final class FakeContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private final Exception failure;
        final Set<Class<?>> asked = new HashSet<>();

        FakeContext(Exception failure) {
            this.failure = failure;
        }

        @Override
        public <T> T get(Class<T> key) throws IOException, InterruptedException {
            asked.add(key);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return null;
        }

        @Override
        public void onSuccess(Object result) {
        }

        @Override
        public void onFailure(Throwable t) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public ListenableFuture<Void> saveState() {
            return null;
        }

        @Override
        public void setResult(Result r) {
        }

        @Override
        public BodyInvoker newBodyInvoker() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}

package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.jenkins.InjectLifecycle.OnResume;
import io.jenkins.plugins.chaos.jenkins.InjectLifecycle.OnStop;
import io.jenkins.plugins.chaos.jenkins.InjectLifecycle.Phase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The phases of {@code chaosInject} against an abort and a restart. Mirrors workflow-step-api's
 * {@code GeneralNonBlockingStepExecution}: its {@code stop} drops every later {@code run} block and its
 * {@code onResume} fails a step whose saved program names a block's thread, neither removing any fault.
 */
class InjectLifecycleTest {

    private static final Throwable ABORT = new InterruptedException("Aborted by alice");

    @Test
    void anAbortDuringSetupInterruptsTheSetupAndTheBodyNeverStarts() throws Exception {
        InjectLifecycle lifecycle = new InjectLifecycle();
        CountDownLatch registered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread setup = new Thread(() -> {
            lifecycle.setupRunsOn(Thread.currentThread());
            registered.countDown();
            try {
                Thread.sleep(10_000); // the injection call on the agent
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        setup.start();
        assertTrue(registered.await(10, TimeUnit.SECONDS));
        assertEquals(OnStop.SETUP_ABORTED, lifecycle.stop(ABORT));
        setup.join(10_000);
        assertTrue(interrupted.get(), "the abort reaches the injection call");
        assertSame(ABORT, lifecycle.abortCause());
        AtomicBoolean bodyStarted = new AtomicBoolean();
        assertFalse(lifecycle.enter(Phase.BODY, () -> bodyStarted.set(true)));
        assertFalse(bodyStarted.get(), "a body started after the abort was never cleaned up");
        assertEquals(Phase.SETUP, lifecycle.phase());
    }

    @Test
    void anAbortBeforeTheSetupThreadRunsInterruptsItAsSoonAsItRegisters() {
        InjectLifecycle lifecycle = new InjectLifecycle();
        lifecycle.stop(ABORT);
        lifecycle.setupRunsOn(Thread.currentThread());
        assertTrue(Thread.interrupted());
    }

    @Test
    void anAbortRacingTheBodyStartEitherPreventsTheBodyOrCancelsIt() throws Exception {
        for (int i = 0; i < 500; i++) {
            InjectLifecycle lifecycle = new InjectLifecycle();
            AtomicBoolean bodyStarted = new AtomicBoolean();
            AtomicReference<OnStop> stop = new AtomicReference<>();
            AtomicBoolean entered = new AtomicBoolean();
            CyclicBarrier together = new CyclicBarrier(2);
            Thread setup = new Thread(() -> {
                await(together);
                entered.set(lifecycle.enter(Phase.BODY, () -> bodyStarted.set(true)));
            });
            Thread abort = new Thread(() -> {
                await(together);
                stop.set(lifecycle.stop(ABORT));
            });
            setup.start();
            abort.start();
            setup.join(10_000);
            abort.join(10_000);
            // before: the abort could land after the check and before the body start, and neither cleaned up
            if (entered.get()) {
                assertTrue(bodyStarted.get());
                assertEquals(OnStop.CANCEL_BODY, stop.get(), "round " + i + ": the started body is cancelled");
            } else {
                assertFalse(bodyStarted.get());
                assertEquals(OnStop.SETUP_ABORTED, stop.get(), "round " + i + ": the setup rolls back");
            }
        }
    }

    @Test
    void theHoldEndsOnceWhetherTheTimerOrAnAbortComesFirst() {
        InjectLifecycle timerFirst = holding();
        assertTrue(timerFirst.holdOver());
        assertFalse(timerFirst.holdOver());
        assertEquals(OnStop.LET_CLEANUP_FINISH, timerFirst.stop(ABORT), "an abort does not interrupt the removal");

        InjectLifecycle abortFirst = holding();
        assertEquals(OnStop.END_HOLD, abortFirst.stop(ABORT));
        assertFalse(abortFirst.holdOver(), "the timer that fires afterwards does nothing");
        assertEquals(OnStop.LET_CLEANUP_FINISH, abortFirst.stop(ABORT), "a second abort does not remove twice");
    }

    @Test
    void anAbortNeverInterruptsTheRemovalOfTheFaults() throws Exception {
        InjectLifecycle lifecycle = new InjectLifecycle();
        lifecycle.setupRunsOn(Thread.currentThread());
        lifecycle.removing();
        assertEquals(OnStop.LET_CLEANUP_FINISH, lifecycle.stop(ABORT));
        assertFalse(Thread.interrupted());
        lifecycle.ended();
        assertEquals(OnStop.NOTHING, lifecycle.stop(ABORT));
    }

    @Test
    void aRestartRemovesTheFaultsOfAnInterruptedSetupOrCleanupAndRearmsAHold() throws Exception {
        InjectLifecycle setup = new InjectLifecycle();
        setup.setupRunsOn(Thread.currentThread());
        InjectLifecycle resumed = roundTrip(setup);
        assertEquals(OnResume.ROLL_BACK_AND_FAIL, resumed.onResume(),
                "before: a saved thread name failed the step on resume, its faults left in the cluster");
        assertNull(resumed.abortCause());
        assertEquals(OnStop.SETUP_ABORTED, resumed.stop(ABORT), "no thread of the old controller is interrupted");

        InjectLifecycle cleanup = holding();
        cleanup.holdOver();
        assertEquals(OnResume.ROLL_BACK_AND_FAIL, roundTrip(cleanup).onResume());

        assertEquals(OnResume.REARM_HOLD, roundTrip(holding()).onResume());

        InjectLifecycle body = new InjectLifecycle();
        body.enter(Phase.BODY, () -> { });
        assertEquals(OnResume.NOTHING, roundTrip(body).onResume(), "the body resumes by itself");

        InjectLifecycle done = holding();
        done.ended();
        assertEquals(OnResume.NOTHING, roundTrip(done).onResume());
    }

    private static InjectLifecycle holding() {
        InjectLifecycle lifecycle = new InjectLifecycle();
        assertTrue(lifecycle.enter(Phase.HOLD, () -> { }));
        return lifecycle;
    }

    /** What program.dat keeps of it: the phase, never the thread or the abort of the controller that wrote it. */
    private static InjectLifecycle roundTrip(InjectLifecycle lifecycle) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(lifecycle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (InjectLifecycle) in.readObject();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

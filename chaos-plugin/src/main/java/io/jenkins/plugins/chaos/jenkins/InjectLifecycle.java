package io.jenkins.plugins.chaos.jenkins;

import java.io.Serializable;

/**
 * Where a {@code chaosInject} step is (setting up, running its body, holding, removing the faults, done), persisted
 * with its execution, and the one lock that orders an abort against the step's own progress.
 * <p>
 * {@code GeneralNonBlockingStepExecution} alone gets two cases wrong for a step that must always remove what it
 * injected: its {@code stop} sets a cause after which every later {@code run} block is dropped (so an abort that lands
 * between injecting and starting the body, or at the end of a hold, skips the cleanup), and its {@code onResume} fails
 * the step without any cleanup whenever the persisted program still names the thread of a block (a hard restart
 * during setup or cleanup). The execution therefore asks this class what an abort or a restart means in the current
 * phase, and never lets an abort interrupt a cleanup.
 */
final class InjectLifecycle implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Phase { SETUP, BODY, HOLD, CLEANUP, DONE }

    /** What {@code stop} must do. */
    enum OnStop {
        /** the setup thread was interrupted (or will see the abort): it removes what it injected and ends the step */
        SETUP_ABORTED,
        /** cancel the body; its callback removes the faults */
        CANCEL_BODY,
        /** the caller now owns the end of the hold: remove the faults, then fail with the cause */
        END_HOLD,
        /** the faults are being removed: let that finish, the step ends when it has */
        LET_CLEANUP_FINISH,
        /** the step has ended */
        NOTHING
    }

    /** What {@code onResume} must do after a controller restart. */
    enum OnResume {
        /** the body resumes by itself, or the step had ended */
        NOTHING,
        /** arm the hold timer again for what is left */
        REARM_HOLD,
        /** a setup or cleanup thread died with the controller: remove the run's faults again and fail the step */
        ROLL_BACK_AND_FAIL
    }

    private Phase phase = Phase.SETUP;
    private transient Thread worker;
    private transient Throwable abortCause;

    synchronized Phase phase() {
        return phase;
    }

    /** The setup thread registers itself, so that an abort can interrupt its calls; at once if the abort came first. */
    synchronized void setupRunsOn(Thread thread) {
        worker = thread;
        if (abortCause != null) {
            thread.interrupt();
        }
    }

    /** The setup thread is done; no abort interrupts it (it goes back to Jenkins' pool) from now on. */
    synchronized void setupEnded() {
        worker = null;
    }

    /** The cause of an abort that arrived during setup, or null. */
    synchronized Throwable abortCause() {
        return abortCause;
    }

    /**
     * Leaves setup for {@code next} and runs {@code whileLocked} (starting the body) under the lock, unless an abort
     * came first: then nothing runs and the caller must roll back. An abort either comes before (and the body never
     * starts) or finds the new phase.
     */
    synchronized boolean enter(Phase next, Runnable whileLocked) {
        if (phase != Phase.SETUP || abortCause != null) {
            return false;
        }
        phase = next;
        worker = null;
        whileLocked.run();
        return true;
    }

    /** The hold timer fired: true if it ends the hold, false if an abort already did. */
    synchronized boolean holdOver() {
        if (phase != Phase.HOLD) {
            return false;
        }
        phase = Phase.CLEANUP;
        return true;
    }

    /** The faults are being removed: from now on an abort neither interrupts nor skips that. */
    synchronized void removing() {
        phase = Phase.CLEANUP;
        worker = null;
    }

    synchronized void ended() {
        phase = Phase.DONE;
        worker = null;
    }

    synchronized OnStop stop(Throwable cause) {
        switch (phase) {
            case SETUP:
                if (abortCause == null) {
                    abortCause = cause;
                }
                if (worker != null) {
                    worker.interrupt();
                }
                return OnStop.SETUP_ABORTED;
            case BODY:
                return OnStop.CANCEL_BODY;
            case HOLD:
                phase = Phase.CLEANUP;
                return OnStop.END_HOLD;
            case CLEANUP:
                return OnStop.LET_CLEANUP_FINISH;
            default:
                return OnStop.NOTHING;
        }
    }

    synchronized OnResume onResume() {
        switch (phase) {
            case SETUP:
            case CLEANUP:
                return OnResume.ROLL_BACK_AND_FAIL;
            case HOLD:
                return OnResume.REARM_HOLD;
            default:
                return OnResume.NOTHING;
        }
    }
}

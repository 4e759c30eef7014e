package io.jenkins.plugins.chaos.core;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's, the playground's and the CLI's background threads: daemons all, so that a probe, a simulator or a
 * sampler left running never keeps the JVM (a CLI run, a Jenkins agent's test fork) from exiting. Thread names are
 * what a thread dump and the tests show, so each factory names its threads exactly as documented.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... in the order the factory makes them. */
    public static ThreadFactory named(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(prefix + "-" + count.incrementAndGet(), task);
    }

    /** Daemon threads that all carry the same name (a single-thread executor, a pool whose threads are alike). */
    public static ThreadFactory sameName(String name) {
        Objects.requireNonNull(name, "name");
        return task -> daemon(name, task);
    }

    /** A daemon thread with this name, not yet started. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A daemon thread with this name, already started. */
    public static Thread start(String name, Runnable task) {
        Thread thread = daemon(name, task);
        thread.start();
        return thread;
    }
}

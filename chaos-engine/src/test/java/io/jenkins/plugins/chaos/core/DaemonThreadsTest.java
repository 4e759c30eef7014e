package io.jenkins.plugins.chaos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    private static final Runnable NOTHING = () -> { };

    @Test
    void namedThreadsAreDaemonsNumberedFromOnePerFactory() {
        ThreadFactory first = DaemonThreads.named("chaos-http-7");
        ThreadFactory second = DaemonThreads.named("chaos-http-7");
        List<Thread> threads = List.of(first.newThread(NOTHING), first.newThread(NOTHING), second.newThread(NOTHING));

        assertEquals(List.of("chaos-http-7-1", "chaos-http-7-2", "chaos-http-7-1"),
                threads.stream().map(Thread::getName).toList());
        threads.forEach(t -> assertTrue(t.isDaemon(), t.getName()));
        threads.forEach(t -> assertEquals(Thread.State.NEW, t.getState(), "a factory does not start its threads"));
    }

    @Test
    void sameNameThreadsAllCarryTheName() {
        ThreadFactory factory = DaemonThreads.sameName("alert-sink");
        Thread a = factory.newThread(NOTHING);
        Thread b = factory.newThread(NOTHING);

        assertEquals("alert-sink", a.getName());
        assertEquals("alert-sink", b.getName());
        assertTrue(a.isDaemon() && b.isDaemon());
    }

    @Test
    void daemonIsNotStartedAndStartRunsTheTask() throws Exception {
        Thread idle = DaemonThreads.daemon("heap-sampler", NOTHING);
        assertEquals(Thread.State.NEW, idle.getState());
        assertTrue(idle.isDaemon());

        CountDownLatch ran = new CountDownLatch(1);
        String[] seenName = new String[1];
        boolean[] seenDaemon = new boolean[1];
        Thread started = DaemonThreads.start("failover-probe", () -> {
            seenName[0] = Thread.currentThread().getName();
            seenDaemon[0] = Thread.currentThread().isDaemon();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the task ran");
        started.join(10_000);
        assertFalse(started.isAlive());
        assertEquals("failover-probe", seenName[0]);
        assertTrue(seenDaemon[0]);
    }

    @Test
    void aThreadNeedsAName() {
        assertThrows(NullPointerException.class, () -> DaemonThreads.named(null));
        assertThrows(NullPointerException.class, () -> DaemonThreads.sameName(null));
    }
}

package io.jenkins.plugins.chaos.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's checks on disk: the same checks back, counts without a pass over the file, remoting, cleanup. */
class CheckLogTest {

    private static CheckResult check(int i, Verdict verdict) {
        return new CheckResult("isolation.api", "t" + i + "->t" + (i + 1) + " GET /v1/tenants/t" + (i + 1) + "/files",
                verdict, "denied with 403", verdict == Verdict.PASSED ? List.of() : List.of("status: 200", "x".repeat(70_000)),
                Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789), i);
    }

    @Test
    void holdsTheChecksInOrderAndCountsThemWithoutReadingTheFile() {
        List<CheckResult> given = new ArrayList<>();
        try (CheckLog log = new CheckLog()) {
            for (int i = 0; i < 20_000; i++) {
                CheckResult c = check(i, i == 777 ? Verdict.CRITICAL : i % 1000 == 5 ? Verdict.ERROR : Verdict.PASSED);
                log.add(c);
                if (i < 1000) {
                    given.add(c);
                }
            }
            assertEquals(20_000, log.size());
            assertEquals(1, log.count(Verdict.CRITICAL));
            assertEquals(20, log.count(Verdict.ERROR));
            assertEquals(Verdict.CRITICAL, log.worst());
            Iterator<CheckResult> it = log.iterator();
            for (CheckResult expected : given) {
                assertEquals(expected, it.next());
            }
            assertEquals(check(777, Verdict.CRITICAL), log.get(777), "evidence over 64 KiB comes back whole");
            assertEquals(20_000, log.stream().count());
            RunResult run = new RunResult("e", "env", "r", Instant.EPOCH, Instant.EPOCH, null, log, null, null, null);
            assertSame(log, run.checks(), "a run keeps the log, never a copy in memory");
            assertEquals(Verdict.CRITICAL, run.verdict());
        }
    }

    @Test
    void travelsThroughJavaSerializationAsItsBytesAndLandsInASpoolOfItsOwn() throws Exception {
        try (CheckLog log = CheckLog.of(List.of(check(1, Verdict.PASSED), check(2, Verdict.WARNING)))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(log);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()));
                 CheckLog back = (CheckLog) in.readObject()) {
                assertEquals(log, back);
                assertEquals(1, back.count(Verdict.WARNING));
                back.add(check(3, Verdict.PASSED));
                assertEquals(3, back.size());
                assertEquals(2, log.size(), "the two logs are two files");
            }
        }
    }

    @Test
    void closeDeletesTheSpoolFile() {
        CheckLog log = CheckLog.of(List.of(check(1, Verdict.PASSED)));
        Path file = log.spoolFile();
        assertTrue(Files.exists(file));
        log.close();
        assertFalse(Files.exists(file), "the closed log's file is gone");
        assertEquals(0, log.size());
        log.close();
    }

    /**
     * A loop over {@code result.checks()} holds only the iterator once the result is dead: the log must stay
     * reachable through it, or its Cleaner deletes the file mid-read (the metrics then counted no checks).
     */
    @Test
    void aLogReachableOnlyThroughItsIteratorIsNotDeletedUnderIt() throws InterruptedException {
        Iterator<CheckResult> iterator = filled(500).iterator();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        int read = 0;
        while (iterator.hasNext()) {
            iterator.next();
            read++;
        }
        assertEquals(500, read);
    }

    private static CheckLog filled(int checks) {
        CheckLog log = new CheckLog();
        for (int i = 0; i < checks; i++) {
            log.add(check(i, Verdict.PASSED));
        }
        return log;
    }
}

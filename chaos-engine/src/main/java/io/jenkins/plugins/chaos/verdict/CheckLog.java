package io.jenkins.plugins.chaos.verdict;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The checks of a run, spooled to a temporary file as they are added instead of held: memory holds the counts per
 * verdict, never the checks, so that an isolation matrix of 160,000 checks costs the same heap as one of 10,000.
 * Iterating reads the file back (the JUnit, journal and report writers each walk it once); {@link #get} walks it
 * too, so it is a list for its readers, not for random access. Checks are stored as they are given: the isolation
 * matrix already gives a passed check no evidence.
 *
 * <p>Serializable for Jenkins remoting: the spool's bytes travel in the stream and land in a spool file of the
 * receiving JVM, never as 160,000 objects in the stream's handle table. The file is deleted when the log becomes
 * unreachable (a {@link Cleaner}) or on {@link #close()}.
 */
public final class CheckLog extends AbstractList<CheckResult> implements Serializable, AutoCloseable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int MAX_TEXT_BYTES = 1 << 20;

    private transient Spool spool;
    private transient Cleaner.Cleanable cleanable;
    private transient int size;
    private transient Map<Verdict, Long> counts;

    public CheckLog() {
        open();
    }

    /** A log holding {@code checks}, in order. */
    public static CheckLog of(Collection<CheckResult> checks) {
        CheckLog log = new CheckLog();
        log.addAll(checks);
        return log;
    }

    private void open() {
        try {
            spool = new Spool(Files.createTempFile("chaos-checks-", ".spool"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a spool file for the run's checks in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
        cleanable = CLEANER.register(this, spool);
        counts = new EnumMap<>(Verdict.class);
        size = 0;
    }

    @Override
    public synchronized boolean add(CheckResult check) {
        try {
            write(spool.out, check);
        } catch (IOException e) {
            throw new UncheckedIOException("could not spool check " + check.id() + " to " + spool.file, e);
        }
        size++;
        counts.merge(check.verdict(), 1L, Long::sum);
        return true;
    }

    @Override
    public synchronized int size() {
        return size;
    }

    /** How many checks have {@code verdict}, from the counts: no pass over the file. */
    public synchronized long count(Verdict verdict) {
        return counts.getOrDefault(verdict, 0L);
    }

    /** The worst verdict of all checks, from the counts. */
    public synchronized Verdict worst() {
        Verdict worst = Verdict.PASSED;
        for (Verdict verdict : counts.keySet()) {
            worst = worst.worst(verdict);
        }
        return worst;
    }

    /** Walks the file up to {@code index}: for tests and small logs, not for loops over a large one. */
    @Override
    public CheckResult get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("check " + index + " of " + size());
        }
        Iterator<CheckResult> it = iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }

    /** The checks added so far; checks added while iterating are not seen by this iterator. */
    @Override
    public Iterator<CheckResult> iterator() {
        int visible;
        synchronized (this) {
            visible = size;
            try {
                spool.out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not flush the check spool " + spool.file, e);
            }
        }
        return new Reader(this, spool.file, visible);
    }

    /** For tests: where the checks are now. */
    synchronized Path spoolFile() {
        return spool.file;
    }

    /** Deletes the spool; the log is empty afterwards and may be filled again. */
    @Override
    public synchronized void close() {
        cleanable.clean();
        open();
    }

    @Override
    public synchronized void clear() {
        close();
    }

    private static final class Reader implements Iterator<CheckResult> {
        /**
         * Keeps the log reachable while its file is read: a loop such as {@code for (c : result.checks())} holds only
         * the iterator once {@code result} is dead, and the Cleaner would delete the file under it (the metrics of a
         * run then counted no checks, depending on when the collector ran).
         */
        private final CheckLog owner;
        private final Path file;
        private final int total;
        private DataInputStream in;
        private int read;

        Reader(CheckLog owner, Path file, int total) {
            this.owner = owner;
            this.file = file;
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            if (read < total) {
                return true;
            }
            closeQuietly();
            return false;
        }

        @Override
        public CheckResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            try {
                if (in == null) {
                    in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
                }
                CheckResult check = CheckLog.read(in);
                read++;
                if (read == total) {
                    closeQuietly();
                }
                return check;
            } catch (IOException e) {
                closeQuietly();
                throw new UncheckedIOException("could not read the check spool " + file, e);
            }
        }

        private void closeQuietly() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // read-only stream of a temporary file: nothing to recover
                }
                in = null;
            }
        }
    }

    private static void write(DataOutputStream out, CheckResult check) throws IOException {
        writeText(out, check.probe());
        writeText(out, check.name());
        out.writeByte(check.verdict().ordinal());
        writeText(out, check.summary());
        out.writeInt(check.evidence().size());
        for (String line : check.evidence()) {
            writeText(out, line);
        }
        out.writeLong(check.startedAt().getEpochSecond());
        out.writeInt(check.startedAt().getNano());
        out.writeLong(check.durationMillis());
    }

    private static CheckResult read(DataInputStream in) throws IOException {
        String probe = readText(in);
        String name = readText(in);
        Verdict verdict = Verdict.values()[in.readByte()];
        String summary = readText(in);
        int lines = in.readInt();
        List<String> evidence = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            evidence.add(readText(in));
        }
        Instant startedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        return new CheckResult(probe, name, verdict, summary, evidence, startedAt, in.readLong());
    }

    /** Not writeUTF: it stops at 64 KiB, and an evidence line may be longer. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_TEXT_BYTES);
        out.writeInt(length);
        out.write(bytes, 0, length);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT_BYTES) {
            throw new IOException("corrupt check spool: a text of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        synchronized (this) {
            spool.out.flush();
            out.defaultWriteObject();
            out.writeInt(size);
            long length = Files.size(spool.file);
            out.writeLong(length);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(spool.file), 1 << 16)) {
                byte[] buffer = new byte[1 << 16];
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("check spool " + spool.file + " ended early");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        open();
        int checks = in.readInt();
        long length = in.readLong();
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the serialized check log ended early");
            }
            spool.out.write(buffer, 0, n);
            left -= n;
        }
        spool.out.flush();
        size = checks;
        for (CheckResult check : (Iterable<CheckResult>) () -> new Reader(this, spool.file, checks)) {
            counts.merge(check.verdict(), 1L, Long::sum);
        }
    }

    /** The file and its writer; also the Cleaner's action, so it must not refer to the log. */
    private static final class Spool implements Runnable {
        private final Path file;
        private final DataOutputStream out;

        Spool(Path file) throws IOException {
            this.file = file;
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        @Override
        public void run() {
            try {
                out.close();
            } catch (IOException e) {
                // the file goes next either way
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file the OS cleans up; nothing else holds it
            }
        }
    }
}

package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.core.RunListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets a RunListener print to picocli's writer, so that tests capture the same lines a terminal shows. */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** A listener that prints to picocli's writer, as every command's progress lines do. */
    static RunListener listener(PrintWriter writer) {
        return RunListener.printingTo(
                new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8));
    }

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            writer.println(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        writer.flush();
    }
}

package io.jenkins.plugins.chaos.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Lets a RunListener print to picocli's writer, so that tests capture the same lines a terminal shows. */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    /** A listener that prints to picocli's writer, as every command's progress lines do. */
    static io.jenkins.plugins.chaos.engine.RunListener listener(PrintWriter writer) {
        return io.jenkins.plugins.chaos.engine.RunListener.printingTo(
                new java.io.PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8));
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

package io.jenkins.plugins.chaos.core;

import java.io.PrintStream;

/**
 * Where a run reports progress. The CLI prints to the terminal, the plugin to the build's console log; the
 * engine never talks to a logging framework's console, so that what an on-call engineer reads is exactly this.
 */
public interface RunListener {

    /** A progress line: what is injected where, what a probe saw. */
    void info(String line);

    /** Something went wrong but the run goes on (a retry, a slow deletion, an alert that could not be sent). */
    void warn(String line);

    /**
     * A breach or a stop condition: what pages. Labelled CRITICAL, never WARNING, so that an on-call engineer reading
     * the console sees the severity the verdict will have.
     */
    default void critical(String line) {
        info("CRITICAL: " + line);
    }

    static RunListener printingTo(PrintStream out) {
        return new RunListener() {
            @Override
            public void info(String line) {
                out.println(line);
            }

            @Override
            public void warn(String line) {
                out.println("WARNING: " + line);
            }
        };
    }

    static RunListener silent() {
        return new RunListener() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
            }
        };
    }
}

package io.jenkins.plugins.chaos.core;

/** Exception messages as the console shows them: one line, never "null". */
public final class Messages {

    private Messages() {
    }

    /** The first line of a message (fabric8 and Jackson put the details, sometimes a request body, below it). */
    public static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

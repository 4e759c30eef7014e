package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What a step's failure shows in the console, with every secret of the step masked. Jenkins prints a failed step's
 * exception with its whole stack trace ({@code WorkflowRun} prints any Throwable but an {@code AbortException} that
 * way), and an exception text may quote a token (an HTTP client's URL, a YAML parser's excerpt): the step prints
 * the masked trace itself and fails with an {@code AbortException} carrying only the masked first line, as
 * {@code withCredentials} masks what its body prints.
 */
final class MaskedFailure {
    private MaskedFailure() {
    }

    /** One line: the exception's type (it says what failed when the message is empty) and its masked first line. */
    static String message(Throwable failure, SecretRedactor secrets) {
        String text = failure.getMessage() == null ? "" : Messages.firstLine(failure.getMessage());
        String type = failure.getClass().getSimpleName();
        return secrets.redact(text.isEmpty() ? type : type + ": " + text);
    }

    /** The stack trace with its causes, every line masked, for the console. */
    static String stackTrace(Throwable failure, SecretRedactor secrets) {
        StringWriter trace = new StringWriter();
        try (PrintWriter out = new PrintWriter(trace)) {
            failure.printStackTrace(out);
        }
        return secrets.redact(trace.toString());
    }
}

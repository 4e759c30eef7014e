package io.jenkins.plugins.chaos.probe.http;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.util.regex.Pattern;

/** Short, secret-free quotes of response bodies for evidence: enough to recognise a leak, never a data dump. */
public final class Excerpt {

    public static final int DEFAULT_LENGTH = 300;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Excerpt() {
    }

    /**
     * Redacts first and cuts afterwards, so that a secret straddling the cut can never survive half-masked.
     * Line breaks are flattened because evidence lines are single lines in the console and JUnit output.
     */
    public static String of(String body, int maxLength, SecretRedactor redactor) {
        if (body == null) {
            return "";
        }
        String clean = WHITESPACE.matcher(redactor.redact(body)).replaceAll(" ").trim();
        if (clean.length() <= maxLength) {
            return clean;
        }
        String ellipsis = "...";
        return clean.substring(0, Math.max(0, maxLength - ellipsis.length())) + ellipsis;
    }

    public static String of(String body, SecretRedactor redactor) {
        return of(body, DEFAULT_LENGTH, redactor);
    }
}

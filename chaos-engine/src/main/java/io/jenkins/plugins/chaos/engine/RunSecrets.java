package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.core.SecretValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets of one run: those the caller already knew (credentials) plus every token the run resolved from
 * {@code env:} references. Everything the run prints goes through it.
 */
final class RunSecrets {

    private final List<String> resolved = new ArrayList<>();
    private volatile SecretRedactor redactor;

    RunSecrets(SecretRedactor known) {
        this.redactor = known;
    }

    synchronized String resolve(String reference) {
        String value = SecretValues.resolve(reference, "token");
        if (value != null && !resolved.contains(value)) {
            resolved.add(value);
            redactor = redactor.with(List.of(value));
        }
        return value;
    }

    SecretRedactor redactor() {
        return redactor;
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    RunListener redacting(RunListener delegate) {
        return new RunListener() {
            @Override
            public void info(String line) {
                delegate.info(redact(line));
            }

            @Override
            public void warn(String line) {
                delegate.warn(redact(line));
            }

            @Override
            public void critical(String line) {
                delegate.critical(redact(line));
            }
        };
    }
}

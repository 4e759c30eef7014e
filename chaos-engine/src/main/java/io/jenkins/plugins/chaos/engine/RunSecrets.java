package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.core.SecretValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The secrets of one run: those the caller already knew (credentials) plus every token the run resolved from
 * {@code env:} references. Everything the run prints goes through it.
 */
final class RunSecrets {

    private final List<String> resolved = new ArrayList<>();
    private final UnaryOperator<String> variables;
    private volatile SecretRedactor redactor;

    RunSecrets(SecretRedactor known, UnaryOperator<String> variables) {
        this.redactor = known;
        this.variables = variables;
    }

    synchronized String resolve(String reference) {
        String value = SecretValues.resolve(reference, "token", variables);
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

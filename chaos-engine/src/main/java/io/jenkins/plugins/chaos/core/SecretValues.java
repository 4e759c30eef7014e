package io.jenkins.plugins.chaos.core;

import java.util.Optional;

/**
 * Resolves secret values given in an experiment. {@code env:NAME} reads the environment variable, so that an
 * experiment file committed to a repository never holds a token; the Jenkins plugin passes credentials it has
 * already resolved and masked.
 */
public final class SecretValues {

    public static final String ENV_PREFIX = "env:";

    private SecretValues() {
    }

    /** The secret's value; an unset variable is an error that names the variable, never a value. */
    public static String resolve(String reference, String field) {
        if (reference == null || !reference.startsWith(ENV_PREFIX)) {
            return reference;
        }
        String variable = reference.substring(ENV_PREFIX.length());
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": environment variable " + variable + " is not set");
        }
        return value;
    }

    /** The variable an {@code env:} reference names when that variable is unset or empty; empty otherwise. */
    public static Optional<String> unsetVariable(String reference) {
        if (reference == null || !reference.startsWith(ENV_PREFIX)) {
            return Optional.empty();
        }
        String variable = reference.substring(ENV_PREFIX.length());
        String value = System.getenv(variable);
        return value == null || value.isEmpty() ? Optional.of(variable) : Optional.empty();
    }
}

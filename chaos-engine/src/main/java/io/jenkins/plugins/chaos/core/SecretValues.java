package io.jenkins.plugins.chaos.core;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

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
        return resolve(reference, field, System::getenv);
    }

    /** As {@link #resolve(String, String)}, with the variables looked up in {@code variables}. */
    public static String resolve(String reference, String field, UnaryOperator<String> variables) {
        if (reference == null || !reference.startsWith(ENV_PREFIX)) {
            return reference;
        }
        String variable = reference.substring(ENV_PREFIX.length());
        String value = variables.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": environment variable " + variable + " is not set");
        }
        return value;
    }

    /** The variable an {@code env:} reference names when {@code isSet} says it is not set; empty otherwise. */
    public static Optional<String> unsetVariable(String reference, Predicate<String> isSet) {
        if (reference == null || !reference.startsWith(ENV_PREFIX)) {
            return Optional.empty();
        }
        String variable = reference.substring(ENV_PREFIX.length());
        return isSet.test(variable) ? Optional.empty() : Optional.of(variable);
    }
}

package io.jenkins.plugins.chaos.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes known secret values (tenant tokens, webhook URLs, routing keys) from any text before it reaches a log,
 * a report, a journal or an exception message. Longer secrets are replaced first so that a secret containing
 * another one is never half-redacted.
 */
public final class SecretRedactor implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String MASK = "****";
    private static final int SHORTEST_SECRET = 4;

    private final List<String> secrets;

    public SecretRedactor(Collection<String> secrets) {
        List<String> sorted = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= SHORTEST_SECRET) {
                sorted.add(secret);
            }
        }
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    public static SecretRedactor none() {
        return new SecretRedactor(List.of());
    }

    public SecretRedactor with(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return new SecretRedactor(all);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}

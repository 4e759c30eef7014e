package io.jenkins.plugins.chaos.chaosmesh;

import java.util.regex.Pattern;

/**
 * Kubernetes' name rules (apimachinery's validation.IsDNS1123Label for namespaces, IsDNS1123Subdomain for object
 * names), which the API server applies and which a name typed by hand often breaks (upper case, '_', '!').
 */
public final class KubernetesNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;

    private KubernetesNames() {
    }

    public static boolean isLabel(String text) {
        return text != null && text.length() <= LABEL_MAX && LABEL.matcher(text).matches();
    }

    public static boolean isSubdomain(String text) {
        return text != null && text.length() <= SUBDOMAIN_MAX && SUBDOMAIN.matcher(text).matches();
    }

    public static void checkNamespace(Object value, String path, SpecProblems problems) {
        if (!(value instanceof String text) || !isLabel(text)) {
            problems.error(path, SpecProblems.describe(value) + " is not a valid namespace name (RFC 1123 label: "
                    + "at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit)");
        }
    }

    static void checkObjectName(Object value, String path, SpecProblems problems) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            problems.error(path, "is required");
        } else if (!(value instanceof String text) || !isSubdomain(text)) {
            problems.error(path, SpecProblems.describe(value) + " is not a valid name (RFC 1123 subdomain: at most 253 "
                    + "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)");
        }
    }
}

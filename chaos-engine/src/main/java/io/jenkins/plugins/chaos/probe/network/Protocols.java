package io.jenkins.plugins.chaos.probe.network;

import java.util.List;
import java.util.Locale;

/** The transport protocols a NetworkPolicy port can name; TCP when a field leaves it out, as Kubernetes does. */
final class Protocols {

    static final List<String> ALLOWED = List.of("TCP", "UDP", "SCTP");

    private Protocols() {
    }

    static String normalize(String protocol, String fieldPath) {
        if (protocol == null || protocol.isEmpty()) {
            return "TCP";
        }
        String upper = protocol.toUpperCase(Locale.ROOT);
        if (!ALLOWED.contains(upper)) {
            throw new IllegalArgumentException(fieldPath + " '" + protocol + "' is not a protocol; allowed values: "
                    + String.join(", ", ALLOWED));
        }
        return upper;
    }
}

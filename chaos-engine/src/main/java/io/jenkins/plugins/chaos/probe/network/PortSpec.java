package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;
import java.util.Locale;

/** A destination port of a flow: protocol and number ({@code tcp/8080}). */
public record PortSpec(String protocol, int port) implements Serializable {

    public PortSpec {
        protocol = Protocols.normalize(protocol, "port protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; allowed 1..65535");
        }
    }

    public static PortSpec tcp(int port) {
        return new PortSpec("TCP", port);
    }

    /** Reads {@code 8080}, {@code tcp/8080}, {@code UDP/53}. */
    public static PortSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("port is empty; expected e.g. 8080 or tcp/8080 (protocols tcp, udp, sctp)");
        }
        String trimmed = text.trim();
        String protocol = "TCP";
        String number = trimmed;
        int slash = trimmed.indexOf('/');
        if (slash >= 0) {
            protocol = trimmed.substring(0, slash);
            number = trimmed.substring(slash + 1);
        }
        try {
            return new PortSpec(protocol, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "' is not a number; expected e.g. 8080 or tcp/8080");
        }
    }

    @Override
    public String toString() {
        return protocol.toLowerCase(Locale.ROOT) + "/" + port;
    }
}

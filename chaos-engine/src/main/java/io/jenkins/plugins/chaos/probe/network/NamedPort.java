package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;

/** A container port of a pod; its name is what a NetworkPolicy's named port refers to. */
public record NamedPort(String name, int port, String protocol) implements Serializable {

    public NamedPort {
        protocol = Protocols.normalize(protocol, "containerPort.protocol");
    }
}

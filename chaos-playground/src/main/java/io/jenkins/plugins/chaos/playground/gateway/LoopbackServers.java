package io.jenkins.plugins.chaos.playground.gateway;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** JDK HTTP servers bound to 127.0.0.1 only: the playground must never be reachable from another machine. */
public final class LoopbackServers {

    private LoopbackServers() {
    }

    /**
     * Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK and every request stalls about
     * 40 ms; the property is read when the server class initialises, so it is set before the first server exists.
     */
    public static HttpServer create(int port, ExecutorService executor) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setExecutor(executor);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
    }

    /** A fixed pool of daemon threads: the number of requests a server handles at once is bounded. */
    public static ExecutorService boundedExecutor(String name, int threads) {
        return Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
    }
}

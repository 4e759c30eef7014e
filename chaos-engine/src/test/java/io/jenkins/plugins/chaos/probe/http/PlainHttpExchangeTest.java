package io.jenkins.plugins.chaos.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The keep-alive HTTP/1.1 path for plain http, against a hand-written server on 127.0.0.1 that answers exactly the
 * wire forms a gateway may use: Content-Length, chunked, read-until-close, a closed kept-alive connection, silence.
 */
@Timeout(30)
class PlainHttpExchangeTest {

    private ServerSocket server;
    private Thread serverThread;
    private final AtomicInteger connections = new AtomicInteger();

    /** Serves every connection with {@code answer}, which writes one or more responses for the requests it reads. */
    private interface Answer {
        void serve(Socket socket, BufferedReader requests, OutputStream out) throws Exception;
    }

    private URI start(Answer answer) throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverThread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread worker = new Thread(() -> {
                        try (socket) {
                            answer.serve(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                    StandardCharsets.ISO_8859_1)), socket.getOutputStream());
                        } catch (Exception e) {
                            // The client hung up; the next test case opens a new connection.
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        serverThread.setDaemon(true);
        serverThread.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/tenants/alice/files?x=1");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String readRequest(BufferedReader requests) throws Exception {
        StringBuilder head = new StringBuilder();
        int length = 0;
        for (String line = requests.readLine(); line != null && !line.isEmpty(); line = requests.readLine()) {
            head.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += requests.read(body, read, length - read);
        }
        return head + new String(body);
    }

    private static void write(OutputStream out, String response) throws Exception {
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The two ways plain http is sent: a blocking call per request, or a batch through one selector. */
    enum Transport {
        BLOCKING, SELECTOR
    }

    /**
     * Sends {@code count} identical requests one after the other on one client (so on one connection while the
     * server keeps it): blocking, one call each; selector, one batch with one connection.
     */
    private static List<HttpReply> send(Transport transport, BoundedHttpClient client, URI uri, String method,
                                        String body, int count) throws Exception {
        Map<String, String> headers = Map.of("Authorization", "Bearer t0ken-alice");
        if (transport == Transport.BLOCKING) {
            List<HttpReply> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                replies.add(client.send(uri, method, body, headers).join());
            }
            return replies;
        }
        HttpReply[] replies = new HttpReply[count];
        client.callAll(uri, count, i -> new BoundedHttpClient.Request(uri, method, body, headers), (i, reply) -> {
            assertNull(replies[i], "reply " + i + " handed over twice");
            replies[i] = reply;
        });
        return List.of(replies);
    }

    private static HttpReply send(Transport transport, BoundedHttpClient client, URI uri, String method, String body)
            throws Exception {
        return send(transport, client, uri, method, body, 1).get(0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keepAliveContentLengthAndTheRequestOnTheWire(Transport transport) throws Exception {
        StringBuilder seen = new StringBuilder();
        URI uri = start((socket, requests, out) -> {
            while (true) {
                String request = readRequest(requests);
                if (request.isEmpty()) {
                    return;
                }
                synchronized (seen) {
                    seen.append(request).append("\n--\n");
                }
                write(out, "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nX-Inference-Provider: primary\r\n"
                        + "Content-Length: 13\r\n\r\n{\"error\":\"n\"}");
            }
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), "x-inference-provider")) {
            for (HttpReply reply : send(transport, client, uri, "POST", "{\"q\":\"é\"}", 3)) {
                assertEquals(403, reply.status(), reply::toString);
                assertEquals("{\"error\":\"n\"}", reply.body());
                assertEquals("application/json", reply.contentType());
                assertEquals("primary", reply.headerValue());
            }
        }
        assertEquals(1, connections.get(), "three requests on one kept-alive connection");
        String wire = seen.toString();
        assertTrue(wire.contains("POST /v1/tenants/alice/files?x=1 HTTP/1.1"), wire);
        assertTrue(wire.contains("Host: 127.0.0.1:" + uri.getPort()), wire);
        assertTrue(wire.contains("Authorization: Bearer t0ken-alice"), wire);
        assertTrue(wire.contains("Content-Length: 10"), "the UTF-8 byte length of the body: " + wire);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void chunkedBodyIsReassembled(Transport transport) throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            write(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6\r\n<html>\r\n7;ext=1\r\n</html>\r\n0\r\nX-Trailer: t\r\n\r\n");
            readRequest(requests);
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            HttpReply reply = send(transport, client, uri, "GET", null);
            assertEquals(502, reply.status(), reply::toString);
            assertEquals("<html></html>", reply.body());
            assertEquals("text/html", reply.contentType());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bodyUntilCloseAndConnectionCloseOpenANewConnectionNextTime(Transport transport) throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
            socket.shutdownOutput();
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            for (HttpReply reply : send(transport, client, uri, "GET", null, 2)) {
                assertEquals("all of it", reply.body(), reply::toString);
            }
        }
        assertEquals(2, connections.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aKeptAliveConnectionTheServerClosedIsRetriedOnceOnANewOne(Transport transport) throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            // Answers as if it kept the connection, then drops it: the next request must not fail for that.
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            if (transport == Transport.BLOCKING) {
                assertEquals(200, send(transport, client, uri, "GET", null).status());
                Thread.sleep(100);
                HttpReply second = send(transport, client, uri, "GET", null);
                assertEquals(200, second.status(), () -> String.valueOf(second.error()));
            } else {
                // The second request follows at once: it meets the closing connection (EOF or reset), never a reply.
                for (HttpReply reply : send(transport, client, uri, "GET", null, 2)) {
                    assertEquals(200, reply.status(), () -> String.valueOf(reply.error()));
                }
            }
        }
        assertEquals(2, connections.get());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void silenceIsATimeoutAndARefusedConnectionIsNot(Transport transport) throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            Thread.sleep(5_000);
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofMillis(300), null)) {
            long started = System.nanoTime();
            HttpReply slow = send(transport, client, uri, "GET", null);
            assertTrue(System.nanoTime() - started < 3_000_000_000L, "the deadline ended the wait, not the server");
            assertTrue(slow.timedOut(), String.valueOf(slow.error()));
            assertFalse(slow.answered());
            assertNull(slow.body());
        }
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(2), null)) {
            HttpReply refused = send(transport, client, URI.create("http://127.0.0.1:" + closedPort + "/"), "GET", null);
            assertFalse(refused.answered());
            assertFalse(refused.timedOut());
            assertTrue(refused.error().contains("Connect"), refused.error());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBodyLargerThanTheReceiveBufferArrivesWhole(Transport transport) throws Exception {
        String big = "x".repeat(40_000) + "end";
        URI uri = start((socket, requests, out) -> {
            while (!readRequest(requests).isEmpty()) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big);
            }
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            for (HttpReply reply : send(transport, client, uri, "GET", null, 2)) {
                assertEquals(big, reply.body(), () -> String.valueOf(reply.error()));
            }
        }
        assertEquals(1, connections.get(), "both on one kept-alive connection");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConnectThatHangsEndsAtTheDeadlineAsAConnectionError(Transport transport) throws Exception {
        // A listening socket that never accepts: once its backlog is full, the kernel drops further SYNs and a
        // connect waits until someone gives up.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (IOException e) {
                        filler.close();
                    }
                }
                try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofMillis(400), null)) {
                    long started = System.nanoTime();
                    HttpReply reply = send(transport, client, URI.create("http://127.0.0.1:" + full.getLocalPort() + "/"),
                            "GET", null);
                    assertTrue(System.nanoTime() - started < 3_000_000_000L, "the deadline ended the connect");
                    assertFalse(reply.answered());
                    assertTrue(reply.error().contains("Connect timed out"), reply.error());
                    assertFalse(reply.timedOut(), "a connect timeout is a connection error, not a slow answer");
                }
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aBatchSpreadsOverItsConnectionsAndHandsEachReplyToItsOwnIndex() throws Exception {
        URI uri = start((socket, requests, out) -> {
            while (true) {
                String request = readRequest(requests);
                if (request.isEmpty()) {
                    return;
                }
                String target = request.substring(request.indexOf(' ') + 1, request.indexOf(" HTTP/1.1"));
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + target.length() + "\r\n\r\n" + target);
            }
        });
        int count = 60;
        String[] bodies = new String[count];
        try (BoundedHttpClient client = new BoundedHttpClient(4, Duration.ofSeconds(5), null)) {
            client.callAll(uri, count, i -> new BoundedHttpClient.Request(uri.resolve("/r?i=" + i), "GET", null, Map.of()),
                    (i, reply) -> {
                        assertNull(bodies[i], "reply " + i + " handed over twice");
                        bodies[i] = reply.body();
                    });
        }
        for (int i = 0; i < count; i++) {
            assertEquals("/r?i=" + i, bodies[i]);
        }
        assertTrue(connections.get() <= 4, "at most one connection per request in flight: " + connections.get());
    }

    @Test
    void aRequestForAnotherHostIsRefusedByName() throws Exception {
        URI uri = URI.create("http://127.0.0.1:9/");
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(1), null)) {
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> client.callAll(uri, 1, i -> new BoundedHttpClient.Request(URI.create("http://example.org/"),
                            "GET", null, Map.of()), (i, reply) -> { }));
            assertTrue(refused.getMessage().contains("http://example.org"), refused.getMessage());
        }
    }

    @Test
    void anInterruptEndsABatchAndClosesItsConnections() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(2);
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            // silent until the client hangs up
            if (requests.read() < 0) {
                hungUp.countDown();
            }
        });
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread batch = new Thread(() -> {
            try (BoundedHttpClient client = new BoundedHttpClient(2, Duration.ofSeconds(20), null)) {
                client.callAll(uri, 10, i -> new BoundedHttpClient.Request(uri, "GET", null, Map.of()), (i, reply) -> { });
                outcome.set(new AssertionError("the batch ended without the interrupt"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        batch.start();
        while (connections.get() < 2) {
            Thread.sleep(10);
        }
        batch.interrupt();
        batch.join(5_000);
        assertFalse(batch.isAlive(), "the batch did not end within 5 s of the interrupt");
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertTrue(hungUp.await(5, TimeUnit.SECONDS), "the connections were left open");
    }
}

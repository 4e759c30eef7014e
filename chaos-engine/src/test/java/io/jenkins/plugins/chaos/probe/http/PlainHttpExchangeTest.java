package io.jenkins.plugins.chaos.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    private static HttpReply send(BoundedHttpClient client, URI uri, String method, String body) throws Exception {
        return client.send(uri, method, body, Map.of("Authorization", "Bearer t0ken-alice")).join();
    }

    @Test
    void keepAliveContentLengthAndTheRequestOnTheWire() throws Exception {
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
            for (int i = 0; i < 3; i++) {
                HttpReply reply = send(client, uri, "POST", "{\"q\":\"é\"}");
                assertEquals(403, reply.status());
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

    @Test
    void chunkedBodyIsReassembled() throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            write(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "6\r\n<html>\r\n7;ext=1\r\n</html>\r\n0\r\nX-Trailer: t\r\n\r\n");
            readRequest(requests);
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            HttpReply reply = send(client, uri, "GET", null);
            assertEquals(502, reply.status());
            assertEquals("<html></html>", reply.body());
            assertEquals("text/html", reply.contentType());
        }
    }

    @Test
    void bodyUntilCloseAndConnectionCloseOpenANewConnectionNextTime() throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
            socket.shutdownOutput();
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            assertEquals("all of it", send(client, uri, "GET", null).body());
            assertEquals("all of it", send(client, uri, "GET", null).body());
        }
        assertEquals(2, connections.get());
    }

    @Test
    void aKeptAliveConnectionTheServerClosedIsRetriedOnceOnANewOne() throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            // Answers as if it kept the connection, then drops it: the next request must not fail for that.
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(5), null)) {
            assertEquals(200, send(client, uri, "GET", null).status());
            Thread.sleep(100);
            HttpReply second = send(client, uri, "GET", null);
            assertEquals(200, second.status(), () -> String.valueOf(second.error()));
        }
        assertEquals(2, connections.get());
    }

    @Test
    void silenceIsATimeoutAndARefusedConnectionIsNot() throws Exception {
        URI uri = start((socket, requests, out) -> {
            readRequest(requests);
            Thread.sleep(5_000);
        });
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofMillis(300), null)) {
            HttpReply slow = send(client, uri, "GET", null);
            assertTrue(slow.timedOut(), String.valueOf(slow.error()));
            assertFalse(slow.answered());
            assertNull(slow.body());
        }
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (BoundedHttpClient client = new BoundedHttpClient(1, Duration.ofSeconds(2), null)) {
            HttpReply refused = send(client, URI.create("http://127.0.0.1:" + closedPort + "/"), "GET", null);
            assertFalse(refused.answered());
            assertFalse(refused.timedOut());
            assertTrue(refused.error().contains("Connect"), refused.error());
        }
    }
}

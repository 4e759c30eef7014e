package io.jenkins.plugins.chaos.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints that answer the status line and headers and then stall, on a real socket: each attempt and the whole
 * dispatch stay bounded, deliveries run side by side, a 2xx whose body never ends is a delivery, and the incident
 * state is on disk as soon as a trigger is accepted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedDeliveryTest {

    /** 300 ms per attempt, 1.2 s per delivery: the old code held each attempt until the peer gave up. */
    private static final RetryPolicy TIGHT = new RetryPolicy(3, 50, 100, 1_200, 300, 0);

    @TempDir
    Path dir;

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** Every request gets {@code status} and a Content-Length of 1000, then nothing: the body never comes. */
    private String stallingAfterHeaders(int status) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    held.add(socket);
                    Thread reader = new Thread(() -> answer(socket, status));
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void answer(Socket socket, int status) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            requests.add(new String(body, StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // and then nothing: the socket stays open until the test ends
        } catch (IOException gone) {
            // the client gave up, as it should
        }
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
    }

    private static CheckResult breach(String name) {
        return new CheckResult("isolation.api", name, Verdict.CRITICAL, "got HTTP 200", List.of("evidence"),
                Instant.now().minusMillis(10), 10);
    }

    private static RunResult run(CheckResult... checks) {
        Instant now = Instant.now();
        return new RunResult("iso", "staging", "run-1", now.minusSeconds(1), now, List.of(), List.of(checks), List.of(),
                null, List.of());
    }

    @Test
    void threeAlertsToAStallingEndpointEndWithinOneDeliveryBudget() throws Exception {
        String base = stallingAfterHeaders(503);
        AlertSettings settings = AlertSettings.none("staging", dir.resolve("state.json").toString())
                .withPagerDuty("routing-key-0123456789", base + "/v2/enqueue").withRetry(TIGHT);
        RunResult run = run(breach("alice->bob GET /a"), breach("alice->carol GET /a"), breach("bob->carol GET /a"));

        long start = System.nanoTime();
        AlertOutcome outcome = new AlertDispatcher(settings, RunListener.silent()).dispatch(run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(3, outcome.deliveries().size());
        assertTrue(outcome.deliveries().stream().noneMatch(AlertDelivery::delivered), outcome.toString());
        for (AlertDelivery delivery : outcome.deliveries()) {
            assertTrue(delivery.error().contains("no complete body within"), delivery.error());
            assertEquals(503, delivery.lastStatus());
        }
        // in parallel and bounded: about one 1.2 s budget, not 3 x 3 attempts held by the peer
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "took " + took);
    }

    @Test
    void aTwoHundredWhoseBodyStallsIsDeliveredOnceAndNeverPostedTwice() throws Exception {
        String base = stallingAfterHeaders(200);
        AlertSettings settings = AlertSettings.none("staging", dir.resolve("state.json").toString())
                .withSlack(base + "/services/T0/B0/slackSecretToken0123", "#chaos").withRetry(TIGHT);
        List<String> warnings = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                warnings.add(line);
            }
        };

        AlertOutcome outcome = new AlertDispatcher(settings, listener).dispatch(run(breach("alice->bob GET /a")));

        assertTrue(outcome.allDelivered(), outcome.toString());
        assertEquals(1, requests.size(), "Slack answered 200: a retry would post the message twice");
        assertEquals(200, outcome.deliveries().get(0).lastStatus());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("rejected")), warnings.toString());
    }

    @Test
    void theStateIsOnDiskOnceATriggerIsAcceptedBeforeTheRunEnds() throws Exception {
        String base = stallingAfterHeaders(202);
        Path state = dir.resolve("state.json");
        AlertSettings settings = AlertSettings.none("staging", state.toString())
                .withPagerDuty("routing-key-0123456789", base + "/v2/enqueue").withRetry(TIGHT);
        try (AlertDispatcher dispatcher = new AlertDispatcher(settings, RunListener.silent())) {
            dispatcher.begin("iso", "staging", "run-1");
            dispatcher.observe(breach("alice->bob GET /a [during]"));

            Instant end = Instant.now().plusSeconds(10);
            AtomicInteger open = new AtomicInteger();
            while (Instant.now().isBefore(end) && open.get() == 0) {
                open.set(AlertState.load(state).open().size());
                Thread.sleep(20);
            }
            // the run is stopped here (no finish): the next run still knows what to resolve
            assertEquals(1, open.get(), "no state after an accepted trigger");
            assertTrue(AlertState.load(state).isOpen("chaos:staging:isolation.api.alice->bob GET /a"),
                    AlertState.load(state).open().toString());
            assertFalse(requests.isEmpty());
        }
    }
}

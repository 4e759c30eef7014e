package io.jenkins.plugins.chaos.probe.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sends a batch of plain-http requests to one host over at most N kept-alive connections, all from the calling
 * thread through one Selector, the way wrk drives its connections. A thread per connection blocked in read() costs a
 * context switch per request on each side; here one wake-up serves every connection whose reply has arrived, which
 * on 2 cores shared with the gateway is what brought the isolation matrix near wrk's rate (bench/README.md).
 * Each request has its own deadline; a kept-alive connection that the server closed before answering is retried
 * once on a new one.
 */
final class SelectorBatch {

    private final URI base;
    private final InetSocketAddress address;
    private final String hostHeader;
    private final long timeoutNanos;
    private final String headerName;
    private final RateLimiter rate;
    private Selector selector;

    SelectorBatch(URI base, Duration timeout, String headerName) {
        this(base, timeout, headerName, RateLimiter.unlimited());
    }

    /** @param rate the cap on requests started per second: an idle connection waits for a permit in the selector */
    SelectorBatch(URI base, Duration timeout, String headerName, RateLimiter rate) {
        this.rate = rate;
        if (!"http".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("a selector batch needs an http:// URL with a host, not " + base);
        }
        this.base = base;
        String host = base.getHost().startsWith("[") ? base.getHost().substring(1, base.getHost().length() - 1) : base.getHost();
        this.address = new InetSocketAddress(host, base.getPort() < 0 ? 80 : base.getPort());
        this.hostHeader = Http1Request.hostHeader(base);
        this.timeoutNanos = timeout.toNanos();
        this.headerName = headerName;
    }

    /**
     * Sends requests 0 to count - 1, at most {@code connections} at once, and hands each reply to the sink on this
     * thread as it completes. Returns when all are handed over.
     *
     * @throws IllegalArgumentException when a request is not for this batch's host and port
     */
    void run(int count, int connections, IntFunction<BoundedHttpClient.Request> requests,
             BoundedHttpClient.ReplySink sink) throws InterruptedException, IOException {
        List<Slot> slots = new ArrayList<>();
        selector = Selector.open();
        try {
            for (int i = 0; i < Math.min(count, connections); i++) {
                slots.add(new Slot());
            }
            int next = 0;
            int delivered = 0;
            while (delivered < count) {
                for (Slot slot : slots) {
                    while (slot.idle() && next < count && rate.tryAcquire()) {
                        slot.start(next, requests.apply(next));
                        next++;
                        delivered += slot.takeDelivered(sink);
                    }
                    if (slot.idle()) {
                        slot.quiet();
                    }
                }
                if (delivered >= count) {
                    break;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted with " + (count - delivered) + " requests outstanding");
                }
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                if (next < count && slots.stream().anyMatch(Slot::idle)) {
                    wait = Math.max(1, rate.nanosUntilAvailable());
                }
                for (Slot slot : slots) {
                    if (!slot.idle()) {
                        wait = Math.min(wait, slot.deadline - now);
                    }
                }
                selector.select(key -> ((Slot) key.attachment()).ready(key), Math.max(1, wait / 1_000_000 + (wait % 1_000_000 > 0 ? 1 : 0)));
                now = System.nanoTime();
                for (Slot slot : slots) {
                    slot.expireIfOverdue(now);
                    delivered += slot.takeDelivered(sink);
                }
            }
        } finally {
            slots.forEach(Slot::closeChannel);
            selector.close();
        }
    }

    /** One connection and the request it carries. */
    private final class Slot {
        private SocketChannel channel;
        private SelectionKey key;
        private boolean connecting;
        private int exchanges;
        private int index = -1;
        private ByteBuffer request;
        private boolean noBody;
        private long started;
        private long deadline;
        private boolean retried;
        private HttpReply reply;
        private final ReceiveBuffer received = new ReceiveBuffer();
        private final ResponseParser parser = new ResponseParser(headerName);

        boolean idle() {
            return index < 0 && reply == null;
        }

        void start(int requestIndex, BoundedHttpClient.Request r) {
            URI uri = BoundedHttpClient.requireOrigin(base, requestIndex, r.uri());
            index = requestIndex;
            started = System.nanoTime();
            deadline = started + timeoutNanos;
            retried = false;
            noBody = "HEAD".equals(r.method());
            request = ByteBuffer.wrap(Http1Request.encode(uri, hostHeader, r.method(), r.body(), r.headers()));
            send();
        }

        /** The reply of the request that just ended, handed to the sink here so that it runs outside selection. */
        int takeDelivered(BoundedHttpClient.ReplySink sink) {
            if (reply == null) {
                return 0;
            }
            HttpReply done = reply;
            int doneIndex = index;
            reply = null;
            index = -1;
            sink.accept(doneIndex, done);
            return 1;
        }

        private void send() {
            parser.reset();
            if (received.isEmpty()) {
                received.clear();
            }
            try {
                if (channel == null) {
                    open();
                } else {
                    write();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void open() throws IOException {
            exchanges = 0;
            received.clear();
            channel = SocketChannel.open();
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connecting = !channel.connect(address);
                key = channel.register(selector, connecting ? SelectionKey.OP_CONNECT : 0, this);
            } catch (IOException e) {
                connecting = true;   // a refused connect is a connection error, not a stale connection
                throw e;
            }
            if (!connecting) {
                write();
            }
        }

        private void write() throws IOException {
            channel.write(request);
            interest(request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void interest(int ops) {
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }

        /** No request left for this connection: stop watching it, so that a server closing it cannot spin the loop. */
        void quiet() {
            if (key != null && key.isValid()) {
                interest(0);
            }
        }

        void ready(SelectionKey selected) {
            if (index < 0 || reply != null || selected != key) {
                return;
            }
            try {
                if (connecting) {
                    if (channel.finishConnect()) {
                        connecting = false;
                        write();
                    }
                } else if (request.hasRemaining()) {
                    write();
                } else {
                    read();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void read() throws IOException {
            while (true) {
                int n = received.readFrom(channel);
                boolean eof = n < 0;
                ResponseParser.Parsed parsed = parser.parse(received.bytes, received.pos, received.limit, noBody, eof);
                if (parsed != null) {
                    received.consume(parsed.length());
                    exchanges++;
                    if (parsed.close() || eof) {
                        closeChannel();
                    }
                    reply = parsed.reply(System.nanoTime() - started);
                    return;
                }
                if (n == 0) {
                    return;
                }
            }
        }

        private void fail(IOException error) {
            boolean nothingReceived = received.isEmpty();
            boolean stale = !connecting && exchanges > 0 && nothingReceived && !(error instanceof SocketTimeoutException);
            closeChannel();
            if (stale && !retried) {
                retried = true;
                request.rewind();
                try {
                    open();
                    return;
                } catch (IOException e) {
                    closeChannel();
                    error = e;
                }
            }
            IOException reported = stale && error instanceof EOFException
                    ? new IOException("the kept-alive connection was closed by the server", error) : error;
            reply = HttpReply.failed(BoundedHttpClient.describe(reported), false, System.nanoTime() - started);
        }

        void expireIfOverdue(long now) {
            if (index < 0 || reply != null || now - deadline < 0) {
                return;
            }
            boolean inConnect = connecting;
            closeChannel();
            reply = inConnect
                    ? HttpReply.connectTimedOut(now - started)
                    : HttpReply.timedOut(now - started);
        }

        void closeChannel() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException e) {
                // Already broken; nothing left to release.
            }
            channel = null;
            key = null;
            connecting = false;
        }
    }
}

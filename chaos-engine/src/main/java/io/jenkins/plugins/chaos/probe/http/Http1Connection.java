package io.jenkins.plugins.chaos.probe.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection to a plain-http host, used by one sender thread at a time. It writes a request
 * in one buffered flush (no Nagle stall between headers and body) and reads the response by Content-Length, chunked
 * encoding or until the server closes. Reads block without SO_TIMEOUT; the deadline is enforced by a
 * {@link DeadlineWatchdog} closing the socket, see there why.
 */
final class Http1Connection implements AutoCloseable {

    /** Thrown when the connection failed before any byte of the response arrived: safe to retry on a new one. */
    static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }


    private final Socket socket = new Socket();
    private final InetSocketAddress address;
    private final String hostHeader;
    private InputStream in;
    private OutputStream out;
    private final ReceiveBuffer received = new ReceiveBuffer();
    private final ResponseParser parser;
    private volatile boolean reusable = true;
    private int exchanges;
    private long deadlineNanos;
    private boolean armed;
    private volatile boolean expired;

    /** @param headerName a response header whose value to keep, or null */
    Http1Connection(URI uri, String headerName) throws IOException {
        this.parser = new ResponseParser(headerName);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        this.address = new InetSocketAddress(host, port);
        this.hostHeader = Http1Request.hostHeader(uri);
        socket.setTcpNoDelay(true);
    }

    /** Connects in blocking mode; a watchdog closing the socket past {@code deadlineNanos} ends the wait. */
    void connect(long deadlineNanos) throws IOException {
        arm(deadlineNanos);
        try {
            socket.connect(address);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            close();
            if (expired) {
                throw new SocketTimeoutException("Connect timed out");
            }
            throw e;
        } finally {
            disarm();
        }
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    boolean reused() {
        return exchanges > 0;
    }

    /** Called by the watchdog: ends the exchange in progress when its deadline has passed. */
    synchronized void expireIfOverdue(long nowNanos) {
        if (armed && nowNanos - deadlineNanos >= 0) {
            expired = true;
            close();
        }
    }

    private synchronized void arm(long deadline) {
        deadlineNanos = deadline;
        expired = false;
        armed = true;
    }

    private synchronized void disarm() {
        armed = false;
    }

    ResponseParser.Parsed exchange(URI uri, String method, String body, Map<String, String> headers,
                                   long deadlineNanos) throws IOException {
        boolean firstByteRead = false;
        arm(deadlineNanos);
        try {
            writeRequest(uri, method, body, headers);
            parser.reset();
            boolean eof = false;
            ResponseParser.Parsed parsed;
            while ((parsed = parser.parse(received.bytes, received.pos, received.limit, "HEAD".equals(method), eof)) == null) {
                eof = received.readFrom(in) < 0;
                firstByteRead |= !received.isEmpty();
            }
            received.consume(parsed.length());
            exchanges++;
            if (parsed.close() || eof) {
                close();
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            close();
            if (expired) {
                throw new SocketTimeoutException("request timed out");
            }
            if (!firstByteRead && reused()) {
                throw new StaleConnectionException("the kept-alive connection was closed by the server", e);
            }
            throw e;
        } finally {
            disarm();
        }
    }

    private void writeRequest(URI uri, String method, String body, Map<String, String> headers) throws IOException {
        out.write(Http1Request.encode(uri, hostHeader, method, body, headers));
        out.flush();
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken; nothing left to release.
        }
    }
}

package io.jenkins.plugins.chaos.probe.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection to a plain-http host, used by one sender thread at a time. It writes a request
 * in one buffered flush (no Nagle stall between headers and body) and reads the response by Content-Length, chunked
 * encoding or until the server closes.
 */
final class Http1Connection implements AutoCloseable {

    /** Thrown when the connection failed before any byte of the response arrived: safe to retry on a new one. */
    static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Response(int status, String headerValue, String contentType, String body) {
    }

    private static final int MAX_HEADER_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean reusable = true;
    private int exchanges;

    Http1Connection(URI uri, int connectTimeoutMillis) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.hostHeader = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    boolean reused() {
        return exchanges > 0;
    }

    Response exchange(URI uri, String method, String body, Map<String, String> headers, long deadlineNanos,
                      String headerName) throws IOException {
        boolean firstByteRead = false;
        try {
            byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256);
            String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                target += "?" + uri.getRawQuery();
            }
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            if (payload != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (payload != null) {
                out.write(payload);
            }
            out.flush();
            timeout(deadlineNanos);
            String statusLine = readLine();
            firstByteRead = true;
            int status = parseStatus(statusLine);
            long contentLength = -1;
            boolean chunked = false;
            String contentType = null;
            String wanted = null;
            boolean close = false;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Content-Type")) {
                    contentType = value;
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
                if (headerName != null && wanted == null && name.equalsIgnoreCase(headerName)) {
                    wanted = value;
                }
            }
            timeout(deadlineNanos);
            String responseBody;
            if ("HEAD".equals(method) || status == 204 || status == 304 || (status >= 100 && status < 200)) {
                responseBody = "";
            } else if (chunked) {
                responseBody = readChunked();
            } else if (contentLength >= 0) {
                responseBody = new String(readExactly(contentLength), StandardCharsets.UTF_8);
            } else {
                responseBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                close = true;
            }
            exchanges++;
            if (close) {
                close();
            }
            return new Response(status, wanted, contentType, responseBody);
        } catch (IOException | RuntimeException e) {
            close();
            if (!firstByteRead && reused() && !(e instanceof SocketTimeoutException)) {
                throw new StaleConnectionException("the kept-alive connection was closed by the server", e);
            }
            throw e;
        }
    }

    private void timeout(long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("request timed out");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    private static int parseStatus(String statusLine) throws IOException {
        // "HTTP/1.1 403 Forbidden"
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: '" + (statusLine.length() > 80 ? statusLine.substring(0, 80) : statusLine) + "'");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: '" + parts[1] + "'", e);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("response header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            line.append((char) c);
        }
        throw new EOFException("connection closed by the server");
    }

    private byte[] readExactly(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("response body of " + length + " bytes is too large");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size '" + sizeLine + "'", e);
            }
            if (size == 0) {
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // trailers carry nothing a probe reads
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(readExactly(size));
            readLine();
        }
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

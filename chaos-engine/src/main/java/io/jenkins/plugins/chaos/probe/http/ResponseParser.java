package io.jenkins.plugins.chaos.probe.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds one HTTP/1.1 response in the bytes a connection has received so far, framed by Content-Length, chunked
 * encoding or the end of the stream. It answers null until the response is complete, so the blocking connection
 * and the selector loop share it: each feeds it whatever arrived and asks again. The head is parsed once per
 * response; offsets are relative to the response's first byte, so callers may move their buffer between calls.
 */
final class ResponseParser {

    /** One complete response and how many bytes it took. */
    record Parsed(int status, String headerValue, String contentType, String body, int length, boolean close) {

        HttpReply reply(long latencyNanos) {
            return new HttpReply(status, headerValue, contentType, body, null, false, latencyNanos);
        }
    }

    private static final int MAX_HEAD = 64 * 1024;

    private final String headerName;
    private int headLength = -1;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private String contentType;
    private String wanted;

    /** @param headerName a response header whose value to keep, or null */
    ResponseParser(String headerName) {
        this.headerName = headerName;
    }

    /** Forgets the previous response; call before each request. */
    void reset() {
        headLength = -1;
        status = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        contentType = null;
        wanted = null;
    }

    /**
     * @param buf    the bytes received, the response starting at {@code from} and ending before {@code to}
     * @param noBody the request was HEAD, so no body follows whatever the headers say
     * @param eof    the server has closed its side: what is there is all there will be
     * @return the response, or null while more bytes are needed
     * @throws IOException for a malformed response, or one the end of the stream cut short
     */
    Parsed parse(byte[] buf, int from, int to, boolean noBody, boolean eof) throws IOException {
        if (headLength < 0) {
            int headEnd = headEnd(buf, from, to);
            if (headEnd < 0) {
                if (to - from > MAX_HEAD) {
                    throw new IOException("response head longer than " + MAX_HEAD + " bytes");
                }
                return incomplete(eof, to - from == 0 ? "connection closed by the server"
                        : "connection closed in the middle of the response head");
            }
            parseHead(buf, from, headEnd);
            headLength = headEnd - from;
        }
        int bodyStart = from + headLength;
        if (noBody || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return done("", headLength);
        }
        if (chunked) {
            return chunks(buf, from, bodyStart, to, eof);
        }
        if (contentLength >= 0) {
            if (contentLength > Integer.MAX_VALUE - 8 - headLength) {
                throw new IOException("response body of " + contentLength + " bytes is too large");
            }
            int available = to - bodyStart;
            if (available < contentLength) {
                return incomplete(eof, "connection closed after " + available + " of " + contentLength + " body bytes");
            }
            return done(new String(buf, bodyStart, (int) contentLength, StandardCharsets.UTF_8),
                    headLength + (int) contentLength);
        }
        if (!eof) {
            return null;
        }
        close = true;
        return done(new String(buf, bodyStart, to - bodyStart, StandardCharsets.UTF_8), to - from);
    }

    private Parsed done(String body, int length) {
        return new Parsed(status, wanted, contentType, body, length, close);
    }

    private static Parsed incomplete(boolean eof, String why) throws EOFException {
        if (eof) {
            throw new EOFException(why);
        }
        return null;
    }

    /** The index after the empty line that ends the head, or -1. The first line is the status line even if empty. */
    private static int headEnd(byte[] buf, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                int length = lineLength(buf, lineStart, i);
                if (length == 0 && lineStart > from) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    private static int lineLength(byte[] buf, int start, int newline) {
        return newline > start && buf[newline - 1] == '\r' ? newline - 1 - start : newline - start;
    }

    private static String line(byte[] buf, int start, int newline) {
        return new String(buf, start, lineLength(buf, start, newline), StandardCharsets.ISO_8859_1);
    }

    private static int indexOfNewline(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void parseHead(byte[] buf, int from, int headEnd) throws IOException {
        int newline = indexOfNewline(buf, from, headEnd);
        status = parseStatus(line(buf, from, newline));
        for (int start = newline + 1; start < headEnd; start = newline + 1) {
            newline = indexOfNewline(buf, start, headEnd);
            String header = line(buf, start, newline);
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length '" + value + "'", e);
                }
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

    /** Walks the chunks from the start each time: chunked replies are rare and small on a probe's path. */
    private Parsed chunks(byte[] buf, int from, int bodyStart, int to, boolean eof) throws IOException {
        String cut = "connection closed in the middle of a chunked body";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int p = bodyStart;
        while (true) {
            int newline = indexOfNewline(buf, p, to);
            if (newline < 0) {
                return incomplete(eof, cut);
            }
            String sizeLine = line(buf, p, newline);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size '" + sizeLine + "'", e);
            }
            p = newline + 1;
            if (size == 0) {
                // Trailers carry nothing a probe reads; the empty line after them ends the response.
                while (true) {
                    newline = indexOfNewline(buf, p, to);
                    if (newline < 0) {
                        return incomplete(eof, cut);
                    }
                    boolean empty = lineLength(buf, p, newline) == 0;
                    p = newline + 1;
                    if (empty) {
                        return done(body.toString(StandardCharsets.UTF_8), p - from);
                    }
                }
            }
            if (size < 0 || size > to - p) {
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    throw new IOException("bad chunk size '" + sizeLine + "'");
                }
                return incomplete(eof, cut);
            }
            body.write(buf, p, (int) size);
            p += (int) size;
            newline = indexOfNewline(buf, p, to);
            if (newline < 0) {
                return incomplete(eof, cut);
            }
            p = newline + 1;
        }
    }
}

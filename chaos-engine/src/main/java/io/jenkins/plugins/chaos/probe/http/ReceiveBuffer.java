package io.jenkins.plugins.chaos.probe.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * The bytes a connection has received and the parser has not consumed yet: {@code bytes[pos, limit)}. Both plain-http
 * transports parse this array in place; it moves the unread bytes to the front before reading more, and doubles when
 * a response does not fit.
 */
final class ReceiveBuffer {

    private static final int INITIAL = 16 * 1024;

    byte[] bytes = new byte[INITIAL];
    int pos;
    int limit;
    private ByteBuffer view = ByteBuffer.wrap(bytes);

    boolean isEmpty() {
        return pos == limit;
    }

    void clear() {
        pos = 0;
        limit = 0;
    }

    void consume(int length) {
        pos += length;
    }

    /** Reads once from a blocking stream; the number of bytes read, -1 at the end of the stream. */
    int readFrom(InputStream in) throws IOException {
        makeRoom();
        int n = in.read(bytes, limit, bytes.length - limit);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    /** Reads once from a channel; the number of bytes read (0 when none are ready), -1 at the end of the stream. */
    int readFrom(ReadableByteChannel channel) throws IOException {
        makeRoom();
        view.limit(bytes.length).position(limit);
        int n = channel.read(view);
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private void makeRoom() {
        if (pos > 0) {
            System.arraycopy(bytes, pos, bytes, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
            view = ByteBuffer.wrap(bytes);
        }
    }
}

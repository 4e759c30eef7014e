package io.jenkins.plugins.chaos.probe.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bytes of one HTTP/1.1 request, head and body together so that one write sends them (no Nagle stall). */
final class Http1Request {

    private Http1Request() {
    }

    /** The Host header's value for {@code uri}: host, and the port when the URI names one. */
    static String hostHeader(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static byte[] encode(URI uri, String hostHeader, String method, String body, Map<String, String> headers) {
        byte[] payload = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (payload != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (payload == null) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + payload.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(payload, 0, request, headBytes.length, payload.length);
        return request;
    }
}

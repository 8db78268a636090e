package com.itvision.maintenance.app.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, with exactly the bytes given: invalid percent-encoding, raw
 * control and non-UTF-8 bytes in targets, headers and bodies, a body sent chunked, methods no client
 * library sends. If the server answers and closes before the whole request was written (a body over the
 * limit), the answer is still read: only no answer at all is a failure of the exchange.
 */
public final class RawExchange {
    private final int port;

    public RawExchange(int port) {
        this.port = port;
    }

    public record Header(String name, String value) {
    }

    /** What came back; {@code status} -1 when the connection closed without an HTTP answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + header("Content-Type") + " " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    /**
     * @param chunked send the body with {@code Transfer-Encoding: chunked} (no Content-Length) instead of a
     *                declared length
     */
    public Answer send(String method, byte[] target, List<Header> headers, byte[] body, boolean chunked)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        request.write(target);
        request.write(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (Header header : headers) {
            request.write((header.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(header.value().getBytes(StandardCharsets.ISO_8859_1));
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (body != null && chunked) {
            request.write("Transfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int at = 0; at < body.length; at += 8192) {
                int length = Math.min(8192, body.length - at);
                request.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                request.write(body, at, length);
                request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
        }
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toByteArray());
                out.flush();
            } catch (SocketException earlyClose) {
                // the server may answer (413) and close before reading everything: read what it said
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                // a reset after the answer (unread request bytes) still leaves the answer readable
            }
            return parse(received.toByteArray());
        }
    }

    public Answer send(String method, String target, List<Header> headers, byte[] body) throws IOException {
        return send(method, target.getBytes(StandardCharsets.UTF_8), headers, body, false);
    }

    static Answer parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return new Answer(-1, Map.of(), raw);
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        int status = statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
        if (status >= 100 && status < 200 && end + 4 < raw.length) {
            return parse(Arrays.copyOfRange(raw, end + 4, raw.length)); // an interim answer: the final one follows
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + "," + b);
            }
        }
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new Answer(status, headers, body);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        InputStream in = new ByteArrayInputStream(chunked);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}

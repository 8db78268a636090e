package com.itvision.maintenance.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON body is UTF-8 (RFC 8259 8.1), and only well-formed UTF-8 (RFC 3629) is read: Jackson decodes
 * overlong forms without complaint ({@code C0 AF} became '/', {@code E0 80 AF} too; found by the
 * malformed-request corpus), so the bytes are checked as they are read, before any parser sees them. A body
 * that declares another charset is left to it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class Utf8BodyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
            return !json || type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // an unparseable type or an unknown charset (InvalidMediaTypeException is one): refused for it, not
            // for its bytes
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new InspectedBody(request, new Utf8Check()), response);
    }

    /** Thrown while reading a body whose bytes are not well-formed UTF-8. */
    public static final class MalformedUtf8Exception extends IOException {
        MalformedUtf8Exception(long offset) {
            super("The body is not valid UTF-8 (byte " + offset + ")");
        }
    }

    /** RFC 3629's table of well-formed byte sequences, checked one byte at a time across reads. */
    static final class Utf8Check implements InspectedBody.Inspector {
        private long offset;
        /** Continuation bytes still expected, and the range the next one must fall in. */
        private int pending;
        private int low = 0x80;
        private int high = 0xBF;

        @Override
        public void read(byte[] buffer, int from, int count) throws MalformedUtf8Exception {
            for (int i = 0; i < count; i++) {
                check(buffer[from + i] & 0xFF);
            }
        }

        @Override
        public void end() throws MalformedUtf8Exception {
            if (pending > 0) {
                throw new MalformedUtf8Exception(offset); // cut in the middle of a character
            }
        }

        void check(int b) throws MalformedUtf8Exception {
            if (pending > 0) {
                if (b < low || b > high) {
                    throw new MalformedUtf8Exception(offset);
                }
                pending--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b == 0xE0) {
                    pending = 2;
                    low = 0xA0; // below: overlong
                } else if (b == 0xED) {
                    pending = 2;
                    high = 0x9F; // above: a UTF-16 surrogate
                } else if (b >= 0xE1 && b <= 0xEF) {
                    pending = 2;
                } else if (b == 0xF0) {
                    pending = 3;
                    low = 0x90; // below: overlong
                } else if (b >= 0xF1 && b <= 0xF3) {
                    pending = 3;
                } else if (b == 0xF4) {
                    pending = 3;
                    high = 0x8F; // above: beyond U+10FFFF
                } else {
                    throw new MalformedUtf8Exception(offset); // a continuation byte alone, C0, C1, F5 to FF
                }
            }
            offset++;
        }
    }
}

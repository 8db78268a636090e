package com.itvision.maintenance.kernel.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat JSON objects of the export lines and checkpoint files: string, integer, boolean and null members only.
 * Written and read here so the offline verifier needs no JSON library and never parses an event's payload.
 */
public final class FlatJson {
    private final StringBuilder out = new StringBuilder(256).append('{');

    public FlatJson put(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public FlatJson put(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public FlatJson put(String name, Long value) {
        name(name);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    public String end() {
        return out.append('}').toString();
    }

    private void name(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        quote(name);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The members of one flat object: strings as String, numbers as Long, true/false as Boolean, null as null. */
    public static Map<String, Object> parse(String json) {
        Parser p = new Parser(json);
        Map<String, Object> members = new LinkedHashMap<>();
        p.skip();
        p.expect('{');
        p.skip();
        if (p.peek() == '}') {
            p.i++;
            return members;
        }
        while (true) {
            p.skip();
            String name = p.string();
            p.skip();
            p.expect(':');
            p.skip();
            members.put(name, p.value());
            p.skip();
            char c = p.next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new IllegalArgumentException("Expected , or } at " + (p.i - 1));
            }
        }
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("Unexpected end of JSON");
            }
            return s.charAt(i);
        }

        char next() {
            char c = peek();
            i++;
            return c;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("Expected " + c + " at " + (i - 1));
            }
        }

        Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            int start = i;
            if (c == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("Unsupported JSON value at " + start);
            }
            return Long.parseLong(s.substring(start, i));
        }

        String string() {
            expect('"');
            StringBuilder b = null;
            int start = i;
            while (true) {
                char c = next();
                if (c == '"') {
                    return b == null ? s.substring(start, i - 1) : b.toString();
                }
                if (c == '\\') {
                    if (b == null) {
                        b = new StringBuilder(s.substring(start, i - 1));
                    }
                    char e = next();
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 'r' -> b.append('\r');
                        case 't' -> b.append('\t');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else if (b != null) {
                    b.append(c);
                }
            }
        }
    }
}

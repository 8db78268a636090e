package com.itvision.maintenance.app.reliability;

import com.itvision.maintenance.app.support.ExampleBodies;
import com.itvision.maintenance.app.support.ExampleBodies.Field;
import com.itvision.maintenance.app.support.OpenApiOperations.Operation;
import com.itvision.maintenance.app.support.OpenApiOperations.Parameter;
import com.itvision.maintenance.app.support.RawExchange.Header;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests generated from an operation of the OpenAPI document: its body schema (every field at
 * every depth: wrong JSON types, null, missing, bad numbers, enum ordinals and unknown names, control
 * characters as escapes and as raw bytes, invalid UTF-8, oversize texts and lists, bad dates, instants and
 * ids), the body as a whole (unknown and mass-assigned fields, duplicate keys, wrong roots, broken JSON,
 * deep nesting, bodies over the limit, content types), its path (ids unknown, huge, percent-encoded NUL,
 * '/', '..', invalid UTF-8, ';', '//'), its query parameters (types, overflow, %00, invalid
 * percent-encoding), its headers (If-Match, Idempotency-Key, X-Min-Position, Accept, Authorization) and its
 * method. Then seeded combinations of several mutations at once, sent as a random demo user.
 *
 * <p>Each probe says what the answer must be at least: {@link Expect#REFUSED} (never a 2xx: the request
 * breaks the documented schema or HTTP itself), a precise status, or {@link Expect#ANY} (the mutation may
 * be legitimate: an optional field dropped, a valid but unusual value). Every answer is also held to the
 * corpus's common rules (no 5xx, problem documents, nothing stored when refused).
 */
final class RequestCorpus {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Where a raw token replaces a JSON value: an ASCII string that appears nowhere else. */
    private static final String SLOT = "@@corpus-slot@@";
    private static final byte[] SLOT_JSON = ("\"" + SLOT + "\"").getBytes(StandardCharsets.US_ASCII);
    /** maintenance.api.max-body-size */
    static final int BODY_LIMIT = 256 * 1024;

    enum Expect { REFUSED, ANY }

    /** One generated request; {@code family} groups operators in the report. */
    /**
     * @param unreadable the request line or headers break HTTP/1.1 itself (raw control or non-ASCII bytes, a
     *                   space in the target, a header section over the limit): the server refuses it before
     *                   it can read the caller's correlation id, so the answer carries one of its own
     */
    record Probe(int seq, Operation operation, String family, String operator, String caller, String method,
                 byte[] target, List<Header> headers, byte[] body, boolean chunked, Expect expect,
                 Integer status, String code, boolean unreadable) {
        String describe() {
            String body = this.body == null ? "" : new String(this.body, 0, Math.min(this.body.length, 300),
                    StandardCharsets.ISO_8859_1).replaceAll("[\\x00-\\x1f\\x7f-\\xff]", "·");
            String target = new String(this.target, 0, Math.min(this.target.length, 200), StandardCharsets.ISO_8859_1)
                    .replaceAll("[\\x00-\\x1f\\x7f-\\xff]", "·");
            return "#" + seq + " " + operation.name() + " [" + operator + "] as " + caller + ": " + method + " "
                    + target + (body.isEmpty() ? "" : " " + body);
        }
    }

    /**
     * What an operation's requests are made of before any mutation; {@code caller} sends them (admin, or the
     * resource's CLIENT user for what only a client may do).
     */
    record Base(Operation operation, Map<String, String> pathValues, ObjectNode body, List<String> pathMethods,
                String caller) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final Random random;
    private final String nonce;
    private final TokenSource tokens;

    interface TokenSource {
        String token(String user);
    }

    RequestCorpus(long seed, String nonce, TokenSource tokens) {
        this.random = new Random(seed);
        this.nonce = nonce;
        this.tokens = tokens;
    }

    List<Probe> probes() {
        return probes;
    }

    String correlationId(int seq) {
        return "corpus-" + nonce + "-" + seq;
    }

    // ------------------------------------------------------------------ drafts

    /** A request being built: the operation's base request, then one or more mutations. */
    final class Draft {
        final Base base;
        String method;
        final Map<String, String> pathValues;
        String pathTemplate;
        String query = "";
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        boolean chunked;
        String caller;
        Expect expect = Expect.ANY;
        Integer status;
        String code;
        final List<String> operators = new ArrayList<>();
        String family;
        boolean unreadable;

        Draft(Base base) {
            this.base = base;
            this.method = base.operation().method();
            this.pathTemplate = base.operation().path();
            this.pathValues = new LinkedHashMap<>(base.pathValues());
            this.caller = base.caller();
            if (base.body() != null) {
                headers.put("Content-Type", "application/json");
                body = json(base.body());
            }
        }

        Draft refused() {
            expect = Expect.REFUSED;
            return this;
        }

        Draft refusedIf(boolean condition) {
            if (condition) {
                expect = Expect.REFUSED;
            }
            return this;
        }

        Draft status(int status, String code) {
            this.expect = status >= 300 ? Expect.REFUSED : Expect.ANY;
            this.status = status;
            this.code = code;
            return this;
        }

        String target() {
            String path = pathTemplate;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            return query.isEmpty() ? path : path + "?" + query;
        }

        void add(String family, String operator) {
            this.family = this.family == null ? family : "combined";
            operators.add(operator);
            int seq = probes.size();
            List<Header> list = new ArrayList<>();
            if (caller != null && !headers.containsKey("Authorization")) {
                list.add(new Header("Authorization", "Bearer " + tokens.token(caller)));
            }
            headers.forEach((name, value) -> list.add(new Header(name, value)));
            list.add(new Header("X-Correlation-Id", correlationId(seq)));
            probes.add(new Probe(seq, base.operation(), this.family, String.join(" + ", operators),
                    caller == null ? "anonymous" : headers.containsKey("Authorization") ? "custom" : caller, method,
                    target().getBytes(StandardCharsets.ISO_8859_1), List.copyOf(list), body, chunked, expect, status,
                    code, unreadable));
        }
    }

    private void probe(Base base, String family, String operator, Consumer<Draft> mutation) {
        Draft draft = new Draft(base);
        mutation.accept(draft);
        draft.add(family, operator);
    }

    // ------------------------------------------------------------------ generation

    void generate(Base base) {
        Operation op = base.operation();
        probe(base, "baseline", "unmutated", d -> {
        });
        if (base.body() != null) {
            for (Field field : ExampleBodies.fields(op.body())) {
                fieldMutations(base, field);
            }
            bodyMutations(base);
        }
        pathMutations(base);
        queryMutations(base);
        headerMutations(base);
        methodMutations(base);
    }

    // -- fields

    private static final String[] TYPE_TOKENS = {"\"corpus\"", "7", "7.5", "true", "{}", "[]"};
    private static final String[] TYPE_NAMES = {"string", "integer", "fraction", "boolean", "object", "array"};

    private void fieldMutations(Base base, Field field) {
        String name = field.name();
        String type = field.type();
        JsonNode schema = field.schema();
        for (int i = 0; i < TYPE_TOKENS.length; i++) {
            if (compatible(type, TYPE_NAMES[i], schema)) {
                continue;
            }
            String token = TYPE_TOKENS[i];
            probe(base, "field-type", name + " as " + TYPE_NAMES[i], d -> d.refused().body = raw(base.body(), field,
                    token));
        }
        probe(base, "field-null", name + " null", d -> d.refusedIf(field.required()).body = raw(base.body(), field,
                "null"));
        if (!field.element()) {
            probe(base, "field-missing", name + " missing", d -> d.refusedIf(field.required()).body =
                    without(base.body(), field));
        }
        switch (type) {
            case "string" -> stringMutations(base, field);
            case "integer", "number" -> numberMutations(base, field);
            case "boolean" -> {
                for (String token : List.of("\"true\"", "1", "0", "\"yes\"")) {
                    probe(base, "field-boolean", name + " = " + token, d -> d.refused().body = raw(base.body(), field,
                            token));
                }
            }
            case "array" -> arrayMutations(base, field);
            case "object" -> {
                probe(base, "field-object", name + " = {}", d -> d.body = raw(base.body(), field, "{}"));
                probe(base, "field-object", name + " unknown nested field", d -> d.refused().body =
                        nested(base.body(), field, "corpusUnknown", "1"));
                probe(base, "field-object", name + " = [itself]", d -> d.refused().body = raw(base.body(), field,
                        "[" + json(at(base.body(), field)) + "]"));
            }
            default -> {
            }
        }
    }

    private static boolean compatible(String type, String token, JsonNode schema) {
        return switch (type) {
            case "string" -> token.equals("string") && !schema.has("format");
            case "integer" -> token.equals("integer");
            case "number" -> token.equals("integer") || token.equals("fraction");
            case "boolean" -> token.equals("boolean");
            case "object" -> token.equals("object");
            case "array" -> token.equals("array");
            default -> false;
        };
    }

    /** JSON escapes of what no field may hold (StorableText): NUL, C0/C1 controls, DEL, lone surrogates, noncharacters. */
    static final List<String> UNSTORABLE_ESCAPES = List.of("\\u0000", "\\u0001", "\\u0008", "\\u001b", "\\u001f",
            "\\u007f", "\\u0085", "\\u009f", "\\ud800", "\\udc00", "\\ud800A", "\\ufdd0", "\\uffff",
            "\\ud83f\\udffe");

    /** Raw bytes inside a JSON string: controls JSON forbids, invalid UTF-8, and valid UTF-8 of unstorable text. */
    static final List<byte[]> RAW_INVALID = List.of(bytes(0x00), bytes(0x0a), bytes(0x1f), bytes(0xc3, 0x28),
            bytes(0xff), bytes(0xc0, 0xaf), bytes(0xe0, 0x80, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80),
            bytes(0xe2, 0x82), bytes(0x80), bytes(0xc2, 0x85), bytes(0xef, 0xbf, 0xbe));

    private void stringMutations(Base base, Field field) {
        String name = field.name();
        JsonNode schema = field.schema();
        if (schema.has("enum")) {
            String first = schema.path("enum").get(0).asString();
            for (String value : List.of("NOT_A_VALUE", first.toLowerCase(Locale.ROOT), " " + first, first + " ",
                    first + "\\u0000", "", "0", "1")) {
                probe(base, "field-enum", name + " = \"" + value + "\"", d -> d.refused().body = raw(base.body(), field,
                        "\"" + value + "\""));
            }
            for (String ordinal : List.of("0", "1", "-1", "99")) {
                probe(base, "field-enum", name + " ordinal " + ordinal, d -> d.refused().body = raw(base.body(), field,
                        ordinal));
            }
            return;
        }
        String format = schema.path("format").asString("");
        if (format.equals("date")) {
            for (String value : List.of("2026-02-30", "2026-13-01", "2026-1-1", "20260101", "2026-01-01T00:00:00Z",
                    "0000-00-00", "", "today", "2026-W01-1", "2026-001", "+999999999-12-31", "-999999999-01-01",
                    "+292278994-08-17", "0000-01-01", "+10000-01-01")) {
                probe(base, "field-date", name + " = \"" + value + "\"", d -> d.refused().body = raw(base.body(), field,
                        "\"" + value + "\""));
            }
            for (String value : List.of("9999-12-31", "0001-01-01", "2026-02-28")) {
                probe(base, "field-date", name + " = \"" + value + "\"", d -> d.body = raw(base.body(), field,
                        "\"" + value + "\""));
            }
            probe(base, "field-date", name + " as epoch number", d -> d.refused().body = raw(base.body(), field,
                    "20260101"));
            return;
        }
        if (format.equals("date-time")) {
            for (String value : List.of("2026-01-01", "2026-01-01T00:00:00", "2026-01-01T25:00:00Z",
                    "2026-01-01T00:00:00+25:00", "yesterday", "1767225600", "", "+1000000001-01-01T00:00:00Z",
                    "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                    "-0001-12-31T23:59:59Z")) {
                probe(base, "field-instant", name + " = \"" + value + "\"", d -> d.refused().body = raw(base.body(),
                        field, "\"" + value + "\""));
            }
            for (String value : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
                    "2026-01-01T00:00:00.123456789Z", "2026-01-01T02:00:00+02:00")) {
                probe(base, "field-instant", name + " = \"" + value + "\"", d -> d.body = raw(base.body(), field,
                        "\"" + value + "\""));
            }
            probe(base, "field-instant", name + " as epoch number", d -> d.refused().body = raw(base.body(), field,
                    "1767225600"));
            return;
        }
        if (format.equals("email")) {
            for (String value : List.of("not-an-email", "a@", "@b", "a@@b")) {
                probe(base, "field-email", name + " = \"" + value + "\"", d -> d.refused().body = raw(base.body(), field,
                        "\"" + value + "\""));
            }
        }
        if (schema.has("pattern")) {
            for (String value : List.of("../etc/passwd", "a b", "x".repeat(65), "-leading", "a/b", "é", "a\\u0000b",
                    "", "%2e%2e")) {
                probe(base, "field-id", name + " = \"" + abbreviate(value) + "\"", d -> d.refused().body =
                        raw(base.body(), field, "\"" + value + "\""));
            }
            probe(base, "field-id", name + " unknown", d -> d.body = raw(base.body(), field, "\"corpus-unknown-id\""));
        }
        for (String escape : UNSTORABLE_ESCAPES) {
            probe(base, "field-control", name + " with " + escape, d -> d.refused().body = raw(base.body(), field,
                    "\"ab" + escape + "cd\""));
        }
        for (String allowed : List.of("a\\tb\\nc\\r\\nd", "\\ud83d\\ude00", "é – 支付")) {
            probe(base, "field-text", name + " = \"" + allowed + "\"", d -> d.body = raw(base.body(), field,
                    "\"" + allowed + "\""));
        }
        for (byte[] bytes : RAW_INVALID) {
            probe(base, "field-raw-bytes", name + " with raw " + hex(bytes), d -> d.refused().body = rawBytes(base.body(),
                    field, concat("\"ab".getBytes(StandardCharsets.US_ASCII), bytes, "cd\"".getBytes(StandardCharsets.US_ASCII))));
        }
        int max = schema.path("maxLength").asInt(-1);
        if (max >= 0) {
            probe(base, "field-length", name + " of " + (max + 1) + " characters", d -> d.refused().body =
                    raw(base.body(), field, "\"" + "x".repeat(max + 1) + "\""));
            probe(base, "field-length", name + " of " + max + " 'é'", d -> d.body = raw(base.body(), field,
                    "\"" + "é".repeat(max) + "\""));
        }
        for (int length : List.of(16_385, 100_000)) {
            probe(base, "field-length", name + " of " + length + " characters", d -> d.refused().body =
                    raw(base.body(), field, "\"" + "x".repeat(length) + "\""));
        }
        for (String blank : List.of("", "   ")) {
            probe(base, "field-blank", name + " = \"" + blank + "\"", d -> d.refusedIf(field.required() && !field.element())
                    .body = raw(base.body(), field, "\"" + blank + "\""));
        }
    }

    private void numberMutations(Base base, Field field) {
        JsonNode schema = field.schema();
        boolean integer = field.type().equals("integer");
        BigInteger low = integer ? (schema.path("format").asString("").equals("int64")
                ? BigInteger.valueOf(Long.MIN_VALUE) : BigInteger.valueOf(Integer.MIN_VALUE)) : null;
        BigInteger high = integer ? (schema.path("format").asString("").equals("int64")
                ? BigInteger.valueOf(Long.MAX_VALUE) : BigInteger.valueOf(Integer.MAX_VALUE)) : null;
        List<String> values = new ArrayList<>(List.of("0", "-1", "2147483647", "2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999",
                "1" + "0".repeat(70), "1.5", "1.0", "1e2", "1E400", "1E-999999999", "-0", "0.001", "0.25"));
        if (schema.has("minimum")) {
            values.add(new java.math.BigDecimal(schema.path("minimum").asString()).subtract(java.math.BigDecimal.ONE)
                    .toPlainString());
        }
        if (schema.has("maximum")) {
            values.add(new java.math.BigDecimal(schema.path("maximum").asString()).add(java.math.BigDecimal.ONE)
                    .toPlainString());
            values.add(new java.math.BigDecimal(schema.path("maximum").asString()).toPlainString());
        }
        for (String value : values) {
            boolean refused = violates(value, integer, low, high, schema);
            probe(base, "field-number", field.name() + " = " + abbreviate(value), d -> d.refusedIf(refused).body =
                    raw(base.body(), field, value));
        }
        for (String invalidJson : List.of("00", "+1", "NaN", "Infinity", "-", "1.", ".5", "0x10", "1_000")) {
            probe(base, "field-number", field.name() + " = " + invalidJson + " (not JSON)", d -> d.refused().body =
                    raw(base.body(), field, invalidJson));
        }
    }

    private static boolean violates(String value, boolean integer, BigInteger low, BigInteger high, JsonNode schema) {
        java.math.BigDecimal number = new java.math.BigDecimal(value);
        if (value.length() > 64) {
            return true;
        }
        if (integer) {
            // strict JSON: a fraction or an exponent is never an integer, whatever its value
            if (value.contains(".") || value.toLowerCase(Locale.ROOT).contains("e")) {
                return true;
            }
            BigInteger whole = number.toBigInteger();
            if (whole.compareTo(low) < 0 || whole.compareTo(high) > 0) {
                return true;
            }
        }
        if (schema.has("minimum") && number.compareTo(new java.math.BigDecimal(schema.path("minimum").asString())) < 0) {
            return true;
        }
        return schema.has("maximum") && number.compareTo(new java.math.BigDecimal(schema.path("maximum").asString())) > 0;
    }

    private void arrayMutations(Base base, Field field) {
        JsonNode schema = field.schema();
        JsonNode element = at(base.body(), field).get(0);
        int max = schema.path("maxItems").asInt(-1);
        if (max >= 0) {
            probe(base, "field-list", field.name() + " with " + (max + 1) + " elements", d -> d.refused().body =
                    raw(base.body(), field, repeatArray(element, max + 1)));
        }
        probe(base, "field-list", field.name() + " with 10000 elements", d -> d.refusedIf(max >= 0 && max < 10_000)
                .body = raw(base.body(), field, repeatArray(element, 10_000)));
        probe(base, "field-list", field.name() + " = []", d -> d.body = raw(base.body(), field, "[]"));
        probe(base, "field-list", field.name() + " = [null]", d -> d.refused().body = raw(base.body(), field, "[null]"));
        probe(base, "field-list", field.name() + " duplicated element", d -> d.body = raw(base.body(), field,
                repeatArray(element, 2)));
        probe(base, "field-list", field.name() + " nested 17 deep", d -> d.refused().body = raw(base.body(), field,
                "[".repeat(17) + "]".repeat(17)));
    }

    // -- the body as a whole

    private void bodyMutations(Base base) {
        Operation op = base.operation();
        ObjectNode body = base.body();
        boolean required = op.bodyRequired();
        Set<String> known = Set.copyOf(op.body().path("properties").propertyNames());
        for (String field : List.of("corpusUnknown", "status", "id", "version", "actor", "clientId", "createdBy",
                "__proto__", "")) {
            if (known.contains(field)) {
                continue;
            }
            probe(base, "body-unknown-field", "extra field \"" + field + "\"", d -> {
                ObjectNode copy = body.deepCopy();
                copy.set(field, field.equals("actor") ? JSON.readTree("{\"userId\":\"user-admin\",\"roles\":[\"ADMIN\"]}")
                        : NODES.stringNode("ACTIVE"));
                d.refused().body = json(copy);
            });
        }
        if (!known.isEmpty()) {
            String first = known.stream().sorted().findFirst().orElseThrow();
            probe(base, "body-duplicate-key", "duplicate \"" + first + "\" same value", d -> d.refused().body =
                    duplicate(body, first, json(body.get(first))));
            probe(base, "body-duplicate-key", "duplicate \"" + first + "\" other value", d -> d.refused().body =
                    duplicate(body, first, "\"other\""));
        }
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("[]", "[]");
        roots.put("[body]", "[" + new String(json(body), StandardCharsets.UTF_8) + "]");
        roots.put("\"text\"", "\"text\"");
        roots.put("42", "42");
        roots.put("true", "true");
        for (Map.Entry<String, String> root : roots.entrySet()) {
            probe(base, "body-root", "root " + root.getKey(), d -> d.refused().body = utf8(root.getValue()));
        }
        probe(base, "body-root", "root null", d -> d.refusedIf(required).body = utf8("null"));
        probe(base, "body-empty", "empty body", d -> d.refusedIf(required).body = new byte[0]);
        probe(base, "body-empty", "no body, no content type", d -> {
            d.headers.remove("Content-Type");
            d.refusedIf(required).body = null;
        });
        String valid = new String(json(body), StandardCharsets.UTF_8);
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("truncated", valid.substring(0, valid.length() - 1));
        broken.put("trailing garbage", valid + "x");
        broken.put("two documents", valid + valid);
        broken.put("single quotes", valid.replace('"', '\''));
        broken.put("comment", "/* c */" + valid);
        broken.put("trailing comma", valid.substring(0, valid.length() - 1) + ",}");
        broken.put("unquoted key", "{corpus:1}");
        broken.put("lone brace", "{");
        broken.put("closing brace", "}");
        broken.put("key without value", "{\"a\"}");
        broken.put("NaN value", "{\"a\":NaN}");
        broken.put("raw NUL between tokens", "{\u0000}");
        broken.put("key with NUL escape", "{\"na\\u0000me\":1}");
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            probe(base, "body-malformed", entry.getKey(), d -> d.refused().body = utf8(entry.getValue()));
        }
        probe(base, "body-malformed", "key with invalid UTF-8", d -> d.refused().body = concat(utf8("{\""),
                bytes(0xff, 0xfe), utf8("\":1}")));
        probe(base, "body-encoding", "UTF-8 BOM", d -> d.body = concat(bytes(0xef, 0xbb, 0xbf), json(body)));
        probe(base, "body-encoding", "UTF-16LE", d -> d.body = valid.getBytes(StandardCharsets.UTF_16LE));
        probe(base, "body-encoding", "UTF-16 with BOM", d -> d.body = valid.getBytes(StandardCharsets.UTF_16));
        probe(base, "body-encoding", "Latin-1 bytes", d -> d.body = valid.getBytes(StandardCharsets.ISO_8859_1));
        for (int depth : List.of(17, 1000, 100_000)) {
            probe(base, "body-nesting", "root arrays " + depth + " deep", d -> d.refused().body =
                    utf8("[".repeat(depth) + "]".repeat(depth)));
        }
        probe(base, "body-nesting", "objects 1000 deep", d -> d.refused().body = utf8("{\"a\":".repeat(1000) + "1"
                + "}".repeat(1000)));
        probe(base, "body-size", "10000 unknown fields", d -> {
            StringBuilder many = new StringBuilder("{");
            for (int i = 0; i < 10_000; i++) {
                many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
            }
            d.refused().body = utf8(many.append('}').toString());
        });
        probe(base, "body-size", "padded to the limit with spaces", d -> d.body = concat(utf8("{"),
                utf8(" ".repeat(BODY_LIMIT - valid.length() - 16)), utf8(valid.substring(1))));
        probe(base, "body-size", "over the limit (spaces)", d -> d.status(413, "PAYLOAD_TOO_LARGE").body =
                concat(utf8("{"), utf8(" ".repeat(BODY_LIMIT + 1)), utf8(valid.substring(1))));
        probe(base, "body-size", "over the limit (one text)", d -> d.status(413, "PAYLOAD_TOO_LARGE").body =
                utf8("{\"corpus\":\"" + "x".repeat(BODY_LIMIT) + "\"}"));
        probe(base, "body-size", "over the limit, chunked", d -> {
            d.status(413, "PAYLOAD_TOO_LARGE").body = concat(utf8("{"), utf8(" ".repeat(BODY_LIMIT + 1)),
                    utf8(valid.substring(1)));
            d.chunked = true;
        });
        probe(base, "body-size", "valid body, chunked", d -> d.chunked = true);
        probe(base, "body-size", "4 MB", d -> d.status(413, "PAYLOAD_TOO_LARGE").body = utf8(
                "[" + "1,".repeat(2 * 1024 * 1024) + "1]"));
        Map<String, Boolean> types = new LinkedHashMap<>();
        types.put("text/plain", true);
        types.put("application/xml", true);
        types.put("application/x-www-form-urlencoded", true);
        types.put("multipart/form-data; boundary=corpus", true);
        types.put("application/octet-stream", true);
        types.put("json", true);
        types.put("", true);
        types.put("application/json; charset=nope", false);
        types.put("application/json; charset=utf-16", false);
        types.put("application/json; charset=ISO-8859-1", false);
        types.put("APPLICATION/JSON", false);
        types.put("application/problem+json", false);
        types.put("application/json;;;", false);
        types.put("*/*", false);
        types.put("application/*", false);
        types.put("text/json", false);
        for (Map.Entry<String, Boolean> type : types.entrySet()) {
            probe(base, "body-content-type", "Content-Type: " + type.getKey(), d -> {
                d.headers.put("Content-Type", type.getKey());
                d.refusedIf(type.getValue());
            });
        }
        probe(base, "body-content-type", "no Content-Type", d -> {
            d.headers.remove("Content-Type");
            d.refused();
        });
        probe(base, "body-content-type", "Content-Encoding: gzip, plain body", d -> d.headers.put("Content-Encoding",
                "gzip"));
    }

    // -- path

    static final List<String> BAD_IDS = List.of("corpus-unknown-0001", "x".repeat(2000), "x".repeat(7000), "%00",
            "a%00b", "%2F", "a%2Fb", "%2e%2e", "..", "..%2F..%2Factuator", "%5C", "%25", "%ZZ", "%", "%C3%28", "%FF",
            "%C0%AF", "%ED%A0%80", "%0A", "%20", "%EF%BF%BF", "%F0%9F%98%80", "%C3%A9", "\u00c3\u00a9", "\u00ff",
            "\u007f", "a;b", ";jsessionid=x", "a:b", "<script>", "{id}", "a#b", "%252F", "a%09b",
            "99999999999999999999");

    /** Ids whose raw characters HTTP/1.1 does not allow in a request target. */
    static final Set<String> RAW_IN_TARGET = Set.of("\u00c3\u00a9", "\u00ff", "\u007f", "<script>", "{id}", "a#b");

    private void pathMutations(Base base) {
        Operation op = base.operation();
        for (String variable : base.pathValues().keySet()) {
            for (String id : BAD_IDS) {
                probe(base, "path-id", "{" + variable + "} = " + abbreviate(id), d -> {
                    d.pathValues.put(variable, id);
                    d.refused().unreadable = RAW_IN_TARGET.contains(id);
                });
            }
            probe(base, "path-id", "{" + variable + "} of 9000 characters", d -> {
                d.pathValues.put(variable, "x".repeat(9000));
                d.status(414, "URI_TOO_LONG");
            });
        }
        String path = op.path();
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("trailing slash", path + "/");
        shapes.put("double slash", path.replaceFirst("/api/", "/api//"));
        shapes.put("dot segment", path.replaceFirst("/api/v1/", "/api/v1/./"));
        shapes.put("dot-dot segment", path.replaceFirst("/api/v1/", "/api/v1/x/../"));
        shapes.put("encoded dot-dot", path.replaceFirst("/api/v1/", "/api/v1/x/%2e%2e/"));
        shapes.put("upper case", path.replace("/api/v1/", "/API/V1/"));
        shapes.put("matrix parameter", path.replaceFirst("/api/v1", "/api/v1;x=1"));
        shapes.put("encoded slash", path.replaceFirst("/api/v1/", "/api%2Fv1/"));
        shapes.put("backslash", path.replaceFirst("/api/v1/", "/api\\v1/"));
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            probe(base, "path-shape", shape.getKey(), d -> {
                d.pathTemplate = shape.getValue();
                d.refused();
            });
        }
    }

    // -- query

    private void queryMutations(Base base) {
        Operation op = base.operation();
        for (Parameter parameter : op.parameters("query")) {
            String name = parameter.name();
            String type = parameter.type();
            String format = parameter.format();
            Map<String, Boolean> values = new LinkedHashMap<>();
            if (type.equals("integer")) {
                for (String v : List.of("abc", "1.5", "2147483648", "-2147483649", "99999999999999999999", "1e3",
                        "0x10", "%201", "1%00", "+1")) {
                    values.put(v, true);
                }
                values.put("-1", false);
                values.put("", false);
                values.put("0", false);
                values.put("2147483647", false);
                if (format.equals("int64")) {
                    // a global position or checkpoint id is a long: beyond int32 is a value, not an overflow
                    values.put("2147483648", false);
                    values.put("-2147483649", false);
                }
            } else if (type.equals("boolean")) {
                values.put("maybe", true);
                values.put("2", true);
                values.put("", false);
                values.put("TRUE", false);
                values.put("%00", true);
            } else if (format.startsWith("date") || name.equals("from") || name.equals("to")) {
                for (String v : List.of("20260101", "2026-02-30", "x", "%00", "1767225600000", "%2B999999999-12-31",
                        "-999999999-01-01", "%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z")) {
                    values.put(v, true);
                }
                for (String v : List.of("2026-01-01T00:00:00", "2026-01-01T00:00:00Z", "2026-01-01", "9999-12-31",
                        "0001-01-01T00:00:00Z")) {
                    values.put(v, false);
                }
            } else {
                for (String v : List.of("%00", "%07", "a%1Bb", "%C3%28", "%ZZ", "%", "%EF%BF%BF", "%ED%A0%80",
                        "%C2%85")) {
                    values.put(v, true);
                }
                for (String v : List.of("x".repeat(7000), "NOPE", "0", "%2C%2C", "'", "%27%20OR%201%3D1--", "",
                        "%E2%80%AE")) {
                    values.put(v, false);
                }
            }
            for (Map.Entry<String, Boolean> value : values.entrySet()) {
                probe(base, "query-value", name + "=" + abbreviate(value.getKey()), d -> {
                    d.query = name + "=" + value.getKey();
                    d.refusedIf(value.getValue());
                });
            }
            probe(base, "query-value", name + " twice", d -> d.query = name + "=0&" + name + "=1");
        }
        if (op.parameters("query").stream().anyMatch(p -> p.name().equals("page"))) {
            probe(base, "query-value", "page * size beyond the offset limit", d -> {
                d.query = "page=2147483647&size=200";
                d.status(400, "VALIDATION_FAILED");
            });
        }
        Map<String, String> generic = new LinkedHashMap<>();
        generic.put("undeclared parameter with NUL", "corpus=%00");
        generic.put("undeclared parameter undecodable", "corpus=%ZZ");
        generic.put("parameter name with NUL", "cor%00pus=1");
        generic.put("5000 empty parameters", "&".repeat(5000));
        generic.put("URL of nearly 8 KB", "corpus=" + "b".repeat(7900));
        generic.put("query of 20 KB", "corpus=" + "b".repeat(20_000));
        generic.put("raw space", "a b=1");
        for (Map.Entry<String, String> entry : generic.entrySet()) {
            probe(base, "query-generic", entry.getKey(), d -> {
                d.query = entry.getValue();
                if (entry.getKey().startsWith("query of 20")) {
                    d.status(431, "HEADERS_TOO_LARGE");
                }
                d.unreadable = entry.getKey().startsWith("query of 20") || entry.getKey().equals("raw space");
            });
        }
    }

    // -- headers

    private void headerMutations(Base base) {
        Operation op = base.operation();
        boolean command = op.method().equals("POST") || op.method().equals("PUT");
        if (op.header("If-Match").isPresent()) {
            for (String value : List.of("abc", "1.5", "99999999999999999999", "-1", "0x1", "\"abc\"", "W/\"x\"")) {
                probe(base, "header-if-match", "If-Match: " + value, d -> {
                    d.headers.put("If-Match", value);
                    d.refused();
                });
            }
            for (String value : List.of("", "*", "\"0\"", "W/\"0\"", " 0 ", "0", "9223372036854775807")) {
                probe(base, "header-if-match", "If-Match: " + value, d -> d.headers.put("If-Match", value));
            }
        }
        if (command) {
            for (String value : List.of("", "   ", "k".repeat(201), "k".repeat(4000))) {
                probe(base, "header-idempotency-key", "Idempotency-Key of " + value.length() + " characters", d -> {
                    d.headers.put("Idempotency-Key", value);
                    d.refused();
                });
            }
            for (String value : List.of("k\u0001ey", "k\u00e9y", "k\u00c3\u00a9y", "k\u007fy", "key with spaces")) {
                probe(base, "header-idempotency-key", "Idempotency-Key " + hex(value.getBytes(StandardCharsets.ISO_8859_1)),
                        d -> {
                            d.headers.put("Idempotency-Key", value + "-" + random.nextInt(1_000_000));
                            d.unreadable = value.contains("\u0001") || value.contains("\u007f");
                        });
            }
            String key = "corpus-key-" + nonce + "-" + probes.size();
            probe(base, "header-idempotency-key", "Idempotency-Key first use", d -> d.headers.put("Idempotency-Key", key));
            if (base.body() != null) {
                probe(base, "header-idempotency-key", "Idempotency-Key reused with another body", d -> {
                    d.headers.put("Idempotency-Key", key);
                    ObjectNode other = base.body().deepCopy();
                    other.set("corpusOther", NODES.numberNode(1));
                    d.body = json(other);
                    d.status(409, "IDEMPOTENCY_KEY_REUSED");
                });
            }
        }
        if (op.method().equals("GET")) {
            for (String value : List.of("abc", "-1", "1.5", "99999999999999999999", "", "9223372036854775807", "0",
                    "1e3", " 1 ")) {
                probe(base, "header-min-position", "X-Min-Position: " + value, d -> d.headers.put("X-Min-Position", value));
            }
        }
        for (String accept : List.of("application/xml", "text/html", "application/json;q=0", "text/csv",
                "application/problem+json")) {
            probe(base, "header-accept", "Accept: " + accept, d -> d.headers.put("Accept", accept));
        }
        String admin = tokens.token("admin");
        String[] parts = admin.split("\\.");
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("Bearer x", "Bearer x");
        authorizations.put("Bearer with a broken signature", "Bearer " + admin.substring(0, admin.length() - 2)
                + (admin.endsWith("A") ? "BB" : "AA"));
        authorizations.put("Bearer alg none", "Bearer "
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".");
        authorizations.put("Bearer of 8000 characters", "Bearer " + "a".repeat(8000));
        authorizations.put("Negotiate", "Negotiate abc");
        authorizations.put("Basic without a colon", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin".getBytes()));
        for (Map.Entry<String, String> auth : authorizations.entrySet()) {
            probe(base, "header-authorization", auth.getKey(), d -> {
                d.headers.put("Authorization", auth.getValue());
                d.status(401, "UNAUTHENTICATED");
            });
        }
        probe(base, "header-authorization", "anonymous", d -> {
            d.caller = null;
            d.status(401, "UNAUTHENTICATED");
        });
        probe(base, "header-authorization", "lower-case scheme", d -> d.headers.put("Authorization", "bearer " + admin));
        probe(base, "header-other", "a 17 KB header", d -> {
            d.headers.put("X-Corpus", "h".repeat(17_000));
            d.status(431, "HEADERS_TOO_LARGE").unreadable = true;
        });
        probe(base, "header-other", "header value with a raw control byte", d -> {
            d.headers.put("X-Corpus", "a\u0001b");
            d.unreadable = true;
        });
        probe(base, "header-other", "header value with raw non-ASCII bytes", d -> d.headers.put("X-Corpus",
                "\u00c3\u00a9\u00ff"));
        probe(base, "header-other", "Expect: 100-continue", d -> d.headers.put("Expect", "100-continue"));
        if (base.body() != null) {
            // RFC 9112 6.3: chunked wins over Content-Length (or the request is refused): never 2 bytes read
            probe(base, "header-other", "Content-Length beside chunked", d -> {
                d.chunked = true;
                d.headers.put("Content-Length", "2");
            });
        }
    }

    // -- methods

    private void methodMutations(Base base) {
        Operation op = base.operation();
        if (!base.pathMethods().getFirst().equals(op.method())) {
            return; // once per path
        }
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            if (base.pathMethods().contains(method)) {
                continue;
            }
            probe(base, "method", method, d -> {
                d.method = method;
                d.status(405, "METHOD_NOT_ALLOWED");
            });
        }
        for (String method : List.of("TRACE", "FOO", "CONNECT", "PROPFIND", "get")) {
            probe(base, "method", method, d -> {
                d.method = method;
                d.refused();
            });
        }
        probe(base, "method", "OPTIONS", d -> d.method = "OPTIONS");
    }

    // ------------------------------------------------------------------ combinations

    /**
     * {@code count} requests, each with two to four single mutations of one operation applied together, as a
     * random demo user: picked with this corpus's seed, so the same seed gives the same requests.
     */
    void combine(List<Base> bases, List<String> callers, int count) {
        List<String> fieldOperators = List.of("type", "null", "missing", "control", "raw", "length", "enum", "extra",
                "query", "if-match", "accept", "idempotency");
        for (int i = 0; i < count; i++) {
            Base base = bases.get(random.nextInt(bases.size()));
            Draft draft = new Draft(base);
            draft.caller = callers.get(random.nextInt(callers.size()));
            int mutations = 2 + random.nextInt(3);
            ObjectNode body = base.body() == null ? null : base.body().deepCopy();
            List<Field> fields = body == null ? List.of() : ExampleBodies.fields(base.operation().body());
            Map<String, String> tokens = new LinkedHashMap<>();
            List<List<Object>> mutated = new ArrayList<>();
            Field rawField = null;
            byte[] rawValue = null;
            for (int m = 0; m < mutations; m++) {
                String kind = fieldOperators.get(random.nextInt(fieldOperators.size()));
                if (body != null && !fields.isEmpty() && Set.of("type", "null", "missing", "control", "raw", "length",
                        "enum").contains(kind)) {
                    Field field = fields.get(random.nextInt(fields.size()));
                    if (mutated.stream().anyMatch(other -> nested(other, field.path()) || nested(field.path(), other))) {
                        continue; // each mutation on a field of its own, so that each one's effect stands
                    }
                    mutated.add(field.path());
                    switch (kind) {
                        case "type" -> {
                            int t = random.nextInt(TYPE_TOKENS.length);
                            if (!compatible(field.type(), TYPE_NAMES[t], field.schema())) {
                                setRaw(tokens, body, field, TYPE_TOKENS[t]);
                                draft.refused();
                                draft.operators.add(field.name() + " as " + TYPE_NAMES[t]);
                            }
                        }
                        case "null" -> {
                            setRaw(tokens, body, field, "null");
                            draft.refusedIf(field.required());
                            draft.operators.add(field.name() + " null");
                        }
                        case "missing" -> {
                            if (!field.element()) {
                                remove(body, field);
                                draft.refusedIf(field.required());
                                draft.operators.add(field.name() + " missing");
                            }
                        }
                        case "control" -> {
                            if (field.type().equals("string") && !field.schema().has("format")) {
                                String escape = UNSTORABLE_ESCAPES.get(random.nextInt(UNSTORABLE_ESCAPES.size()));
                                setRaw(tokens, body, field, "\"x" + escape + "\"");
                                draft.refused();
                                draft.operators.add(field.name() + " with " + escape);
                            }
                        }
                        case "raw" -> {
                            if (field.type().equals("string") && rawField == null) {
                                byte[] bad = RAW_INVALID.get(random.nextInt(RAW_INVALID.size()));
                                rawField = field;
                                rawValue = concat(utf8("\"x"), bad, utf8("\""));
                                draft.refused();
                                draft.operators.add(field.name() + " with raw " + hex(bad));
                            }
                        }
                        case "length" -> {
                            if (field.type().equals("string") && field.schema().has("maxLength")) {
                                setRaw(tokens, body, field, "\"" + "x".repeat(field.schema().path("maxLength").asInt() + 1)
                                        + "\"");
                                draft.refused();
                                draft.operators.add(field.name() + " too long");
                            }
                        }
                        case "enum" -> {
                            if (field.schema().has("enum")) {
                                setRaw(tokens, body, field, String.valueOf(random.nextInt(4)));
                                draft.refused();
                                draft.operators.add(field.name() + " ordinal");
                            }
                        }
                        default -> {
                        }
                    }
                } else {
                    switch (kind) {
                        case "extra" -> {
                            if (body != null) {
                                body.put("corpusExtra" + m, random.nextInt());
                                draft.refused();
                                draft.operators.add("extra field");
                            }
                        }
                        case "query" -> {
                            List<Parameter> query = base.operation().parameters("query");
                            if (!query.isEmpty()) {
                                Parameter p = query.get(random.nextInt(query.size()));
                                String value = List.of("%00", "%ZZ", "abc", "99999999999999999999", "%C3%28")
                                        .get(random.nextInt(5));
                                draft.query = (draft.query.isEmpty() ? "" : draft.query + "&") + p.name() + "=" + value;
                                boolean typed = !p.type().equals("string") || p.format().startsWith("date");
                                draft.refusedIf(value.startsWith("%") || typed);
                                draft.operators.add(p.name() + "=" + value);
                            }
                        }
                        case "if-match" -> {
                            if (base.operation().header("If-Match").isPresent()) {
                                draft.headers.put("If-Match", "abc");
                                draft.refused();
                                draft.operators.add("If-Match: abc");
                            }
                        }
                        case "accept" -> {
                            draft.headers.put("Accept", "application/xml");
                            draft.operators.add("Accept: application/xml");
                        }
                        case "idempotency" -> {
                            if (base.operation().method().equals("POST") || base.operation().method().equals("PUT")) {
                                draft.headers.put("Idempotency-Key", "corpus-combined-" + nonce + "-" + i);
                                draft.operators.add("Idempotency-Key");
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            if (body != null) {
                if (rawField != null) {
                    set(body, rawField, NODES.stringNode(SLOT));
                }
                byte[] bytes = json(body);
                for (Map.Entry<String, String> token : tokens.entrySet()) {
                    bytes = replaceIfPresent(bytes, token.getKey().getBytes(StandardCharsets.US_ASCII),
                            token.getValue().getBytes(StandardCharsets.UTF_8));
                }
                draft.body = rawValue == null ? bytes : replaceIfPresent(bytes, SLOT_JSON, rawValue);
            }
            if (draft.operators.isEmpty()) {
                draft.operators.add("caller " + draft.caller + " only");
            }
            draft.add("combined", "combined");
        }
    }

    /** {@code inner} is {@code outer} or inside it. */
    private static boolean nested(List<Object> outer, List<Object> inner) {
        return inner.size() >= outer.size() && inner.subList(0, outer.size()).equals(outer);
    }

    // ------------------------------------------------------------------ JSON surgery

    static byte[] json(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The node at the field's path, or null if a parent is missing. */
    static JsonNode at(JsonNode body, Field field) {
        JsonNode node = body;
        for (Object step : field.path()) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static JsonNode parent(JsonNode body, Field field) {
        JsonNode node = body;
        List<Object> path = field.path();
        for (Object step : path.subList(0, path.size() - 1)) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** {@code body} with the field's value replaced by the raw JSON text {@code token}. */
    static byte[] raw(ObjectNode body, Field field, String token) {
        return rawBytes(body, field, token.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] rawBytes(ObjectNode body, Field field, byte[] token) {
        ObjectNode copy = body.deepCopy();
        set(copy, field, NODES.stringNode(SLOT));
        return replace(json(copy), SLOT_JSON, token);
    }

    /**
     * Marks the field of a body mutated several times; the raw text replaces the marker once the body is
     * written (a later mutation of the same field or of its parent may have replaced the marker).
     */
    private static void setRaw(Map<String, String> tokens, ObjectNode body, Field field, String token) {
        String marker = "@@raw-" + tokens.size() + "@@";
        tokens.put("\"" + marker + "\"", token);
        set(body, field, NODES.stringNode(marker));
    }

    private static byte[] replaceIfPresent(byte[] haystack, byte[] needle, byte[] replacement) {
        try {
            return replace(haystack, needle, replacement);
        } catch (IllegalStateException absent) {
            return haystack;
        }
    }

    private static void set(JsonNode body, Field field, JsonNode value) {
        JsonNode parent = parent(body, field);
        Object last = field.path().getLast();
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
    }

    static byte[] without(ObjectNode body, Field field) {
        ObjectNode copy = body.deepCopy();
        remove(copy, field);
        return json(copy);
    }

    private static void remove(ObjectNode body, Field field) {
        if (parent(body, field) instanceof ObjectNode object) {
            object.remove((String) field.path().getLast());
        }
    }

    /** The field's object with an extra property {@code name: token}. */
    private static byte[] nested(ObjectNode body, Field field, String name, String token) {
        ObjectNode copy = body.deepCopy();
        if (at(copy, field) instanceof ObjectNode object) {
            object.set(name, NODES.stringNode(SLOT));
        }
        return replace(json(copy), SLOT_JSON, token.getBytes(StandardCharsets.UTF_8));
    }

    /** The body with {@code "name": token} written a second time, first in the object. */
    private static byte[] duplicate(ObjectNode body, String name, Object token) {
        String value = token instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : token.toString();
        String text = new String(json(body), StandardCharsets.UTF_8);
        return utf8("{\"" + name + "\":" + value + "," + text.substring(1));
    }

    private static String repeatArray(JsonNode element, int count) {
        String one = new String(json(element), StandardCharsets.UTF_8);
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            array.append(i == 0 ? "" : ",").append(one);
        }
        return array.append(']').toString();
    }

    static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(haystack, 0, i);
                out.writeBytes(replacement);
                out.write(haystack, i + needle.length, haystack.length - i - needle.length);
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("marker not found");
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X", b & 0xff));
        }
        return hex.toString();
    }

    private static String abbreviate(String value) {
        return value.length() > 24 ? value.substring(0, 8) + "…(" + value.length() + ")" : value;
    }
}

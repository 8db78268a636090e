package com.itvision.maintenance.app.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid value for any OpenAPI schema, every optional property included so that each can be mutated:
 * the first enum constant, dates and instants of today, texts within their bounds, and the values of
 * {@code hints} for properties of that name (the ids of existing clients, projects, technicians, the times
 * of a free interval), so that the unmutated request reaches the domain rather than a 404.
 */
public final class ExampleBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, JsonNode> hints;
    private final LocalDate today;
    private final Instant now;

    public ExampleBodies(Map<String, JsonNode> hints, LocalDate today, Instant now) {
        this.hints = hints;
        this.today = today;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public JsonNode of(String name, JsonNode schema) {
        if (name != null && hints.containsKey(name) && fits(hints.get(name), schema)) {
            return hints.get(name).deepCopy();
        }
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> object(schema);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(of(null, schema.path("items")));
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.has("minimum") ? Math.max(schema.path("minimum").asLong(), 1)
                    : 1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            default -> NODES.stringNode(text(name, schema));
        };
    }

    /** A hint is used where its JSON type fits the property, and only as one of its enum constants. */
    private static boolean fits(JsonNode hint, JsonNode schema) {
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        boolean sameType = switch (type) {
            case "string" -> hint.isString();
            case "integer" -> hint.isIntegralNumber();
            case "number" -> hint.isNumber();
            case "boolean" -> hint.isBoolean();
            case "array" -> hint.isArray();
            default -> hint.isObject();
        };
        if (!sameType) {
            return false;
        }
        if (schema.has("enum")) {
            for (JsonNode constant : schema.path("enum")) {
                if (constant.asString().equals(hint.asString())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /** Every property of the object schema, optional ones included. */
    public ObjectNode object(JsonNode schema) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            object.set(property.getKey(), of(property.getKey(), property.getValue()));
        }
        return object;
    }

    /** The required properties, and the optional ones a hint gives a value to (at any depth). */
    public ObjectNode minimal(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            boolean hinted = hints.containsKey(name) && fits(hints.get(name), value);
            if (hinted) {
                object.set(name, hints.get(name).deepCopy());
            } else if (required.contains(name)) {
                object.set(name, value.has("properties") ? minimal(value) : of(name, value));
            }
        }
        return object;
    }

    private String text(String name, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asString();
        }
        switch (schema.path("format").asString("")) {
            case "date":
                return today.toString();
            case "date-time":
                return now.minusSeconds(3600).toString();
            case "email":
                return "it@corpus.example";
            default:
                break;
        }
        if (schema.has("example")) {
            return schema.path("example").asString();
        }
        if (schema.has("pattern")) {
            return "corpus-" + (name == null ? "id" : name.toLowerCase());
        }
        int max = schema.path("maxLength").asInt(200);
        int min = schema.path("minLength").asInt(0);
        String text = "Corpus " + (name == null ? "text" : name);
        if (text.length() > max) {
            text = text.substring(0, max);
        }
        return text.length() < min ? text + "x".repeat(min - text.length()) : text;
    }

    /** A property of a request body, at any depth: {@code ["coverage", "equipment", 0, "quantity"]}. */
    public record Field(List<Object> path, JsonNode schema, boolean required, boolean element) {
        public String name() {
            StringBuilder name = new StringBuilder();
            for (Object step : path) {
                if (step instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.isEmpty() ? "" : ".").append(step);
                }
            }
            return name.toString();
        }

        public String type() {
            return schema.path("type").asString(schema.has("properties") ? "object" : "string");
        }
    }

    /** Every property of {@code schema}, depth first, with the first element of each list as a field too. */
    public static List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        walk(schema, List.of(), fields);
        return fields;
    }

    private static void walk(JsonNode schema, List<Object> path, List<Field> fields) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            List<Object> at = append(path, property.getKey());
            JsonNode value = property.getValue();
            fields.add(new Field(at, value, required.contains(property.getKey()), false));
            descend(value, at, fields);
        }
    }

    private static void descend(JsonNode value, List<Object> at, List<Field> fields) {
        if (value.has("properties")) {
            walk(value, at, fields);
        } else if ("array".equals(value.path("type").asString())) {
            List<Object> element = append(at, 0);
            fields.add(new Field(element, value.path("items"), true, true));
            descend(value.path("items"), element, fields);
        }
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }
}

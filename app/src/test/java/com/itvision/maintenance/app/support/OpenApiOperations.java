package com.itvision.maintenance.app.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operations of the running application's OpenAPI document ({@code /v3/api-docs}): every path × method
 * with its parameters, request body schema ({@code $ref}s resolved) and description. Tests generated from
 * it cover an endpoint added tomorrow without being edited.
 */
public final class OpenApiOperations {
    /** The container's error path: mapped for every method, not part of the API. */
    static final String ERROR_PATH = "/error";

    private OpenApiOperations() {
    }

    public record Parameter(String name, String in, boolean required, JsonNode schema) {
        public String type() {
            return schema.path("type").asString("string");
        }

        public String format() {
            return schema.path("format").asString("");
        }
    }

    public record Operation(String method, String path, String description, List<Parameter> parameters,
                            JsonNode body, boolean bodyRequired, JsonNode responses) {
        /** "POST /api/v1/contracts/{id}/suspend". */
        public String name() {
            return method + " " + path;
        }

        public List<Parameter> parameters(String in) {
            return parameters.stream().filter(p -> p.in().equals(in)).toList();
        }

        public Optional<Parameter> header(String name) {
            return parameters("header").stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
        }

        public boolean hasBody() {
            return body != null;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Every operation of the document except the container's error path, in document order. */
    public static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().equals(ERROR_PATH)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode op = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                op.path("parameters").forEach(p -> parameters.add(new Parameter(p.path("name").asString(),
                        p.path("in").asString(), p.path("required").asBoolean(false),
                        resolve(p.path("schema"), schemas))));
                JsonNode content = op.path("requestBody").path("content");
                JsonNode body = null;
                if (content.has("application/json")) {
                    body = resolve(content.path("application/json").path("schema"), schemas);
                }
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        op.path("description").asString(""), List.copyOf(parameters), body,
                        op.path("requestBody").path("required").asBoolean(false), op.path("responses")));
            }
        }
        return List.copyOf(operations);
    }

    /** The methods the document maps for {@code path}. */
    public static List<String> methods(JsonNode document, String path) {
        List<String> methods = new ArrayList<>();
        document.path("paths").path(path).propertyNames().forEach(m -> methods.add(m.toUpperCase(Locale.ROOT)));
        return methods;
    }

    /**
     * A copy of {@code schema} with every {@code $ref} replaced by its component, at any depth; a property's
     * own keywords beside a {@code $ref} (its description) are kept.
     */
    static JsonNode resolve(JsonNode schema, JsonNode components) {
        return resolve(schema, components, 0);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components, int depth) {
        if (depth > 32) {
            throw new IllegalStateException("recursive schema: " + schema);
        }
        if (schema == null || schema.isMissingNode() || !schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            JsonNode target = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            if (target.isMissingNode()) {
                throw new IllegalStateException("unresolved " + ref);
            }
            copy.setAll((ObjectNode) resolve(target, components, depth + 1));
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            if (field.getKey().equals("$ref")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (field.getKey().equals("properties")) {
                ObjectNode properties = JsonNodeFactory.instance.objectNode();
                value.properties().forEach(p -> properties.set(p.getKey(), resolve(p.getValue(), components, depth + 1)));
                copy.set("properties", properties);
            } else if (field.getKey().equals("items") || field.getKey().equals("additionalProperties")) {
                copy.set(field.getKey(), resolve(value, components, depth + 1));
            } else {
                copy.set(field.getKey(), value);
            }
        }
        return copy;
    }
}

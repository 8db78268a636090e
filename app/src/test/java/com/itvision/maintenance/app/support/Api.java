package com.itvision.maintenance.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for the API: Basic auth as a demo user (password = user name), JSON bodies. */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final LongSupplier head;

    public Api(int port) {
        this(port, () -> 0);
    }

    /**
     * @param head the event store's last global position: every GET waits for the read models to reach
     *             it ({@code X-Min-Position}), as a portal reading its own writes would
     */
    public Api(int port, LongSupplier head) {
        this.port = port;
        this.head = head;
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem's stable code, for error responses. */
        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Request as(String user) {
        return new Request(user, user);
    }

    public Request anonymous() {
        return new Request(null, null);
    }

    public final class Request {
        private final String user;
        private final String password;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Request(String user, String password) {
            this.user = user;
            this.password = password;
        }

        public Request withPassword(String newPassword) {
            return new Request(user, newPassword).headers(headers);
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        private Request headers(Map<String, String> more) {
            headers.putAll(more);
            return this;
        }

        public Response get(String path) {
            long position = head.getAsLong();
            HttpRequest.Builder request = builder(path).GET();
            if (position > 0 && !headers.containsKey("X-Min-Position")) {
                request.header("X-Min-Position", Long.toString(position));
            }
            return send(request);
        }

        public Response post(String path, Object body) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(builder(path).header("Content-Type", headers.getOrDefault("Content-Type", "application/json"))
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
        }

        public Response post(String path) {
            return post(path, "{}");
        }

        public Response delete(String path) {
            return send(builder(path).DELETE());
        }

        public Response put(String path, Object body) {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(builder(path).header("Content-Type", headers.getOrDefault("Content-Type", "application/json"))
                    .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
        }

        private HttpRequest.Builder builder(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Type")) {
                    b.header(k, v);
                }
            });
            return b;
        }

        private Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> h = new LinkedHashMap<>();
                response.headers().map().forEach((k, v) -> h.put(k.toLowerCase(), String.join(",", v)));
                return new Response(response.statusCode(), h, response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package com.itvision.maintenance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;

/** JSON over HTTP/1.1 to the application, with the caller's {@code Authorization} header. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client;

    Http(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    record Response(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The {@code id} of what a command created or changed. */
        String id() {
            return json().path("id").asText();
        }
    }

    /** A non-2xx answer where a 2xx was expected: counted as an error by the drivers. */
    static final class Refused extends RuntimeException {
        Refused(String what, Response response) {
            super(what + " -> " + response.status() + " " + abbreviate(response.body()));
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    Response send(String method, String path, String authorization, Object body, String correlationId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (correlationId != null) {
                request.header("X-Correlation-Id", correlationId);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The request, which must answer 2xx. */
    Response ok(String method, String path, String authorization, Object body) {
        Response response = send(method, path, authorization, body, null);
        if (response.status() / 100 != 2) {
            throw new Refused(method + " " + path, response);
        }
        return response;
    }

    Response get(String path, String authorization) {
        return ok("GET", path, authorization, null);
    }

    Response post(String path, String authorization, Object body) {
        return ok("POST", path, authorization, body);
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}

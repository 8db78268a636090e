package com.itvision.maintenance.app.reliability.faults;

import com.itvision.maintenance.app.support.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One command, sent as a client that may give up: a POST with an Idempotency-Key and a client timeout, whose
 * outcome is an answer or the reason there was none. Sent again, it is the very same request (key and body).
 */
final class KeyedPost {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final String user;
    private final String path;
    private final String key;
    private final String body;

    KeyedPost(int port, String user, String path, String key, Map<String, Object> body) {
        this.port = port;
        this.user = user;
        this.path = path;
        this.key = key;
        this.body = Api.JSON.writeValueAsString(body);
    }

    /** {@code status} 0: no answer, {@code failure} says why. */
    record Outcome(int status, String code, String replayed, String body, String failure, long millis) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        /** This answer as the load generator records one; {@code failedBefore}: an earlier attempt got none. */
        LoadGenerator.Acknowledged acknowledged(LoadGenerator.Operation operation, String key, int attempts,
                                                boolean failedBefore) {
            JsonNode result = json();
            List<String> events = new ArrayList<>();
            result.path("events").forEach(e -> events.add(e.asString()));
            return new LoadGenerator.Acknowledged(operation, key, result.path("id").asString(),
                    result.path("version").asLong(-1), result.path("position").asLong(-1), events, status, attempts,
                    failedBefore,
                    "true".equals(replayed), System.nanoTime());
        }

        @Override
        public String toString() {
            return status == 0 ? "no answer (" + failure + ") after " + millis + " ms"
                    : status + (code == null ? "" : " " + code) + ("true".equals(replayed) ? " replayed" : "")
                            + " after " + millis + " ms";
        }
    }

    Outcome send(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(timeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String code = response.statusCode() >= 400 ? Api.JSON.readTree(response.body()).path("code").asString()
                    : null;
            return new Outcome(response.statusCode(), code,
                    response.headers().firstValue("Idempotency-Replayed").orElse(null), response.body(), null,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            return new Outcome(0, null, null, null, e.getClass().getSimpleName(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

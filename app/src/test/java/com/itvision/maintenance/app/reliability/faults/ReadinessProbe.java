package com.itvision.maintenance.app.reliability.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Asks {@code GET /actuator/health/readiness} (anonymous, as a load balancer does) every 250 ms and records each
 * answer: 200 is UP, 503 DOWN, 0 no answer.
 */
final class ReadinessProbe implements AutoCloseable {
    record Sample(long startNanos, long latencyMillis, int status) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    private ReadinessProbe(int port) {
        this.uri = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        this.thread = Thread.ofPlatform().name("readiness-probe").start(this::run);
    }

    static ReadinessProbe start(int port) {
        return new ReadinessProbe(port);
    }

    private void run() {
        while (!stopping) {
            long start = System.nanoTime();
            int status;
            try {
                status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                return;
            }
            samples.add(new Sample(start, (System.nanoTime() - start) / 1_000_000, status));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The first sample started at or after {@code fromNanos} that answered {@code status}, if any. */
    Sample first(long fromNanos, int status) {
        return samples().stream().filter(s -> s.startNanos() >= fromNanos && s.status() == status).findFirst()
                .orElse(null);
    }

    /** Waits for a sample started at or after {@code fromNanos} answering {@code status}. */
    Sample await(long fromNanos, int status, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Sample sample = first(fromNanos, status);
            if (sample != null) {
                return sample;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Readiness never answered " + status + " within " + wait.toSeconds() + " s");
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(15_000);
    }
}

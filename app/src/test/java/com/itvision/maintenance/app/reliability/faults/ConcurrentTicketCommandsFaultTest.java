package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 5: 50 commands on one ticket at once, through HTTP, each with its own Idempotency-Key: holds, resumes
 * (whichever comes when the ticket is in the other state is refused), and reclassifications sent as a client
 * that read the ticket sends them (If-Match: the version it read, a severity other than the one it read). Pass:
 * no 5xx; every answer is 200 or a 409 problem with a code; in the event store the ticket's sequence numbers are
 * 0..n contiguous with exactly one event per 200 (plus its opening), the versions the 200s answered are exactly
 * 1..n; the read model reaches version n and agrees with the aggregate.
 */
@Tag("faults")
class ConcurrentTicketCommandsFaultTest {
    private static final int COMMANDS = 50;

    private record Answer(String command, int status, String code, long version, long millis) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fifty_concurrent_commands_on_one_ticket_store_one_event_per_success_in_a_contiguous_sequence() throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("5-concurrent-ticket-commands")) {
            rig.startApplication();
            Api api = rig.api();
            Api.Response opened = api.as("lead").post("/api/v1/tickets", Map.of("projectId", "project-a-ecommerce",
                    "contractId", "contract-a-corrective", "title", Fixtures.unique("Hot ticket"),
                    "description", "Everyone works on it at once", "severity", "MINOR"));
            assertThat(opened.status()).as("%s", opened).isEqualTo(201);
            String ticket = "/api/v1/tickets/" + opened.json().path("id").asString();

            List<Answer> answers = concurrently(COMMANDS, i -> switch (i % 3) {
                case 0 -> send(api, "hold", ticket + "/hold", Map.of("reason", "Waiting for the client"), null);
                case 1 -> send(api, "resume", ticket + "/resume", Map.of("reason", "The client answered"), null);
                default -> {
                    long reading = System.nanoTime();
                    Api.Response read = api.as("lead").get(ticket);
                    if (read.status() != 200) {
                        // the read a client makes before it reclassifies failed: that is this command's answer
                        yield new Answer("read state", read.status(), read.code(), -1,
                                (System.nanoTime() - reading) / 1_000_000);
                    }
                    JsonNode state = read.json();
                    String other = switch (state.path("severity").asString()) {
                        case "MINOR" -> "MAJOR";
                        case "MAJOR" -> "CRITICAL";
                        default -> "MINOR";
                    };
                    yield send(api, "reclassify", ticket + "/reclassify", Map.of("severity", other,
                            "reason", "Impact re-assessed"), state.path("version").asLong());
                }
            });

            assertThat(answers).as("answers").allSatisfy(a -> {
                assertThat(a.status()).as("%s", a).isIn(200, 409);
                if (a.status() == 409) {
                    assertThat(a.code()).as("%s", a).isNotBlank();
                }
            });
            List<Long> acknowledged = answers.stream().filter(a -> a.status() == 200).map(Answer::version).sorted()
                    .toList();
            List<Long> sequence = new ArrayList<>();
            try (Connection db = rig.connect(); PreparedStatement query = db.prepareStatement(
                    "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY 1")) {
                query.setString(1, opened.json().path("id").asString());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        sequence.add(rows.getLong(1));
                    }
                }
            }
            long last = acknowledged.size();
            assertThat(sequence).as("the ticket's events: its opening and one per 200, contiguous")
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
            assertThat(acknowledged).as("the versions the 200s answered")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());

            new ReadModelCheck(rig).awaitCaughtUp(ReadModelCheck.CATCH_UP);
            JsonNode state = api.as("lead").get(ticket).json();
            assertThat(state.path("version").asLong()).as("the aggregate's version").isEqualTo(last);
            try (Connection db = rig.connect(); PreparedStatement query = db.prepareStatement(
                    "SELECT version, severity, on_hold FROM read_ticket WHERE ticket_id = ?")) {
                query.setString(1, opened.json().path("id").asString());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getLong(1)).as("read model version").isEqualTo(last);
                    assertThat(row.getString(2)).as("read model severity").isEqualTo(state.path("severity").asString());
                    assertThat(row.getBoolean(3)).as("read model on hold").isEqualTo(state.path("onHold").asBoolean());
                }
            }

            Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(
                    a -> a.command() + " " + a.status() + (a.code() == null ? "" : " " + a.code()), TreeMap::new,
                    Collectors.counting()));
            FaultResults.record("5 50 concurrent commands on one ticket", ("%s; %d events, sequence 0..%d contiguous, "
                    + "read model v%d; latency %s; %s total").formatted(outcomes, sequence.size(), last, last,
                    Latencies.of(answers.stream().map(Answer::millis).toList()),
                    seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    private static Answer send(Api api, String command, String path, Map<String, Object> body, Long ifMatch) {
        Api.Request request = api.as("lead").header("Idempotency-Key", "concurrent-" + UUID.randomUUID());
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        long started = System.nanoTime();
        Api.Response response = request.post(path, body);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Answer(command, response.status(), response.status() >= 400 ? response.code() : null,
                response.status() == 200 ? response.json().path("version").asLong() : -1, millis);
    }

    interface Command {
        Answer run(int index);
    }

    private static List<Answer> concurrently(int count, Command command) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return command.run(index);
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

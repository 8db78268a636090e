package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.projections.support.Projections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 4: an event whose transaction commits after the processors gave up waiting for it (ADR 0002, 0013).
 * The application runs with a 4 s gap timeout and, as it requires (ADR 0013), a shorter transaction limit (2 s). A raw JDBC transaction of the test's own (none of the application's
 * session limits) inserts one valid event: a copy of a ticket's SeverityReclassified, MAJOR to CRITICAL, with a
 * new event identifier and the ticket's next sequence number; its global index is taken now, it becomes visible
 * only at commit.
 *
 * <p>Axon 4.13 gives a missing index up only when it reads an event above it that is itself older than the gap
 * timeout (else it keeps the index as a gap and reads it again with every batch). Two transactions are held:
 * <ol>
 *   <li>Control: the event is held 2 gap timeouts while other commands commit and the processors move past it.
 *       If their tokens still list it as a gap when it commits, it must then be applied. (A processor lagging past
 *       the gap timeout on a loaded machine may drop it already: then it is skipped as in 2, which is reported.)</li>
 *   <li>The skip: while the event is held, another event commits whose timestamp is 10 s in the past, as one
 *       written by a node whose clock runs behind (the application's own transactions cannot outlive the gap
 *       timeout any more, ADR 0013; clock skew between nodes can still produce this). The processors read it
 *       older than the gap timeout and drop every gap below it. The held transaction then commits.</li>
 * </ol>
 * Pass: the ticket read model never applies the late event (severity MAJOR, version behind); the reconciliation
 * check reports that mismatch for ticket-projection; POST .../ticket-projection/rebuild repairs it; reconciliation
 * is then 0 for every group and the read row shows CRITICAL at the late event's version.
 */
@Tag("faults")
class LateCommitFaultTest {
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private FaultRig rig;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void an_event_committed_after_the_processors_dropped_its_gap_is_reported_by_reconciliation_and_repaired_by_a_rebuild()
            throws Exception {
        long began = System.nanoTime();
        try (FaultRig created = FaultRig.create("4-late-commit")) {
            rig = created;
            rig.startApplication("--maintenance.database.gap-timeout=" + GAP_TIMEOUT.toSeconds() + "s",
                    "--maintenance.database.transaction-timeout=" + TRANSACTION_TIMEOUT.toSeconds() + "s");
            ReadModelCheck readModels = new ReadModelCheck(rig);

            // 1. control: held past the gap timeout while the processors keep up
            String awaitedTicket = reclassifiedTicket();
            readModels.awaitCaughtUp(WAIT);
            boolean awaitedAsGap;
            String control;
            try (Connection held = rawTransaction()) {
                LateEvent late = insertLateEvent(held, awaitedTicket, Duration.ZERO);
                long until = System.nanoTime() + GAP_TIMEOUT.multipliedBy(2).toNanos();
                while (System.nanoTime() < until) {
                    registerClient();
                }
                awaitedAsGap = tokensPast(late.globalIndex(), true);
                held.commit();
                long committed = System.nanoTime();
                if (awaitedAsGap) {
                    // a gap still in the token is read again with every batch: the event must be applied
                    await(() -> "CRITICAL".equals(readTicket(awaitedTicket).severity()));
                    control = "applied %s after its commit".formatted(seconds(Duration.ofNanos(System.nanoTime() - committed)));
                } else {
                    control = "the processors had lagged past the gap timeout and dropped it: skipped like part 2";
                }
            }

            // 2. the skip: an event stamped by a clock 10 s behind commits above the held one
            String ticket = reclassifiedTicket();
            String skewedTicket = reclassifiedTicket();
            readModels.awaitCaughtUp(WAIT);
            LateEvent late;
            long slowPosition;
            long skippedAfter;
            try (Connection held = rawTransaction()) {
                late = insertLateEvent(held, ticket, Duration.ZERO);
                long heldAt = System.nanoTime();
                try (Connection skewed = rig.connect()) {
                    slowPosition = insertLateEvent(skewed, skewedTicket, CLOCK_SKEW).globalIndex();
                }
                // every ticket-projection segment has passed the late event without keeping it as a gap
                skippedAfter = await(() -> tokens(Projections.TICKETS).stream()
                        .allMatch(t -> t.index() >= slowPosition && !t.gaps().contains(late.globalIndex())));
                held.commit();
                skippedAfter -= heldAt;
            }
            registerClient();
            readModels.awaitCaughtUp(WAIT);
            ReadTicket skipped = readTicket(ticket);
            assertThat(skipped.severity()).as("the late event was never applied").isEqualTo("MAJOR");
            assertThat(skipped.version()).isEqualTo(late.sequence() - 1);

            long detecting = System.nanoTime();
            JsonNode mismatch = awaitMismatch(readModels, ticket);
            Duration detection = Duration.ofNanos(System.nanoTime() - detecting);
            assertThat(mismatch.path("expectedVersion").asLong()).isEqualTo(late.sequence());
            assertThat(mismatch.path("foundVersion").asLong()).isEqualTo(late.sequence() - 1);
            Map<String, Long> mismatches = ReadModelCheck.mismatches(readModels.reconciliation());

            long replaying = System.nanoTime();
            readModels.rebuild(mismatches.entrySet().stream().filter(g -> g.getValue() > 0).map(Map.Entry::getKey)
                    .toList());
            Duration repair = Duration.ofNanos(System.nanoTime() - replaying);
            readModels.assertReconciled();
            ReadTicket repaired = readTicket(ticket);
            assertThat(repaired.severity()).as("after the rebuild").isEqualTo("CRITICAL");
            assertThat(repaired.version()).isEqualTo(late.sequence());
            Api.Response read = rig.api().as("lead").get("/api/v1/tickets/" + ticket);
            assertThat(read.json().path("severity").asString()).as("%s", read).isEqualTo("CRITICAL");
            assertThat(readModels.deadLetters()).isZero();

            FaultResults.record("4 late commit past the gap timeout", ("gap timeout %s; control: held %s while "
                    + "commands committed, processors %s it as a gap, %s; skip: event %d (seq %d) held "
                    + "while an event %d stamped %s in the past committed, gap dropped %s after the hold began; "
                    + "reconciliation reported %s after %s (%s), a rebuild repaired it in %s, reconciliation 0, "
                    + "read row CRITICAL v%d; %s total").formatted(seconds(GAP_TIMEOUT),
                    seconds(GAP_TIMEOUT.multipliedBy(2)), awaitedAsGap ? "kept" : "had dropped", control,
                    late.globalIndex(), late.sequence(),
                    slowPosition, seconds(CLOCK_SKEW), seconds(Duration.ofNanos(skippedAfter)), mismatches,
                    seconds(detection), mismatch, seconds(repair), repaired.version(),
                    seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    /** A ticket opened and reclassified MINOR to MAJOR through the API; returns its id. */
    private String reclassifiedTicket() {
        Api.Response opened = rig.api().as("lead").post("/api/v1/tickets", Map.of(
                "projectId", "project-a-ecommerce", "contractId", "contract-a-corrective",
                "title", Fixtures.unique("Late ticket"), "description", "The checkout fails", "severity", "MINOR"));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        String id = opened.json().path("id").asString();
        Api.Response reclassified = rig.api().as("lead").post("/api/v1/tickets/" + id + "/reclassify",
                Map.of("severity", "MAJOR", "reason", "Payments are failing"));
        assertThat(reclassified.status()).as("%s", reclassified).isEqualTo(200);
        return id;
    }

    private record LateEvent(long globalIndex, long sequence) {
    }

    private Connection rawTransaction() throws SQLException {
        Connection held = rig.connect();
        held.setAutoCommit(false);
        try (Statement limits = held.createStatement()) {
            // the server's own idle limit (30 s, embedded configuration) would end the hold before the test does
            limits.execute("SET idle_in_transaction_session_timeout = 0");
        }
        return held;
    }

    /**
     * Copies the ticket's SeverityReclassified (MINOR to MAJOR) as its next event, MAJOR to CRITICAL, stamped
     * {@code skew} in the past, in {@code connection}'s transaction: a valid event the aggregate and the
     * projections accept.
     */
    private static LateEvent insertLateEvent(Connection connection, String ticketId, Duration skew) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                SELECT ?, e.aggregate_identifier, last.seq + 1, e.type,
                       to_char((clock_timestamp() - make_interval(secs => ?)) AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       e.payload_type, e.payload_revision,
                       convert_to(jsonb_set(jsonb_set(jsonb_set(convert_from(e.payload, 'UTF8')::jsonb,
                           '{from}', '"MAJOR"'), '{to}', '"CRITICAL"'), '{reason}', '"Committed past the gap timeout"')::text,
                           'UTF8'),
                       e.meta_data
                FROM domain_event_entry e,
                     (SELECT max(sequence_number) AS seq FROM domain_event_entry WHERE aggregate_identifier = ?) last
                WHERE e.aggregate_identifier = ? AND e.payload_type LIKE '%SeverityReclassified'
                RETURNING global_index, sequence_number""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setLong(2, skew.toSeconds());
            insert.setString(3, ticketId);
            insert.setString(4, ticketId);
            try (ResultSet row = insert.executeQuery()) {
                assertThat(row.next()).as("the reclassification of %s to copy", ticketId).isTrue();
                return new LateEvent(row.getLong(1), row.getLong(2));
            }
        }
    }

    private void registerClient() {
        Api.Response created = rig.api().as("admin").post("/api/v1/clients", Map.of("name", Fixtures.unique("Client")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    private record Token(long index, List<Long> gaps) {
    }

    /** The stored tokens of {@code group}'s segments (GapAwareTrackingToken as JSON). */
    private List<Token> tokens(String group) {
        List<Token> tokens = new ArrayList<>();
        try (Connection db = rig.connect(); PreparedStatement query = db.prepareStatement(
                "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ? ORDER BY segment")) {
            query.setString(1, group);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonNode token = Api.JSON.readTree(rows.getString(1));
                    List<Long> gaps = new ArrayList<>();
                    token.path("gaps").forEach(g -> gaps.add(g.asLong()));
                    tokens.add(new Token(token.path("index").asLong(-1), gaps));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tokens;
    }

    /** Whether every ticket-projection segment is past {@code index} and still awaits it as a gap. */
    private boolean tokensPast(long index, boolean asGap) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<Token> tokens = tokens(Projections.TICKETS);
            if (tokens.stream().allMatch(t -> t.index() > index)) {
                return tokens.stream().allMatch(t -> t.gaps().contains(index) == asGap);
            }
            Thread.sleep(100);
        }
        return false;
    }

    private record ReadTicket(String severity, long version) {
    }

    private ReadTicket readTicket(String id) {
        try (Connection db = rig.connect();
             PreparedStatement query = db.prepareStatement("SELECT severity, version FROM read_ticket WHERE ticket_id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("read_ticket row of %s", id).isTrue();
                return new ReadTicket(row.getString(1), row.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ticket-projection mismatch naming {@code ticketId}, once the check reports it. */
    private static JsonNode awaitMismatch(ReadModelCheck readModels, String ticketId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode report = null;
        while (System.nanoTime() < deadline) {
            report = readModels.reconciliation();
            for (JsonNode group : report.path("groups")) {
                if (group.path("group").asString().equals(Projections.TICKETS)) {
                    for (JsonNode mismatch : group.path("mismatches")) {
                        if (mismatch.path("aggregateId").asString().equals(ticketId)) {
                            return mismatch;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No reconciliation mismatch for " + ticketId + " within " + WAIT.toSeconds() + " s: "
                + report);
    }

    /** Polls until {@code condition}; returns the {@link System#nanoTime()} when it held. */
    private static long await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        return System.nanoTime();
    }
}

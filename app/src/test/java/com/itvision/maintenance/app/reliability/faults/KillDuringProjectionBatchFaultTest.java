package com.itvision.maintenance.app.reliability.faults;

import static com.itvision.maintenance.app.reliability.faults.FaultResults.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 2: kill -9 in the middle of projection batches. With a backlog of commands, every read model is
 * rebuilt blue/green (POST .../rebuild) while the load goes on. A batch is one transaction: its token update, then
 * its rows as one JDBC batch, in event order. Right after each rebuild request the test locks, from its own
 * connection, the {@code __rebuild} copy of the second table of the read models that write two or more ({@code read_project} after {@code read_user} and
 * {@code read_client}, {@code read_contract_period} after {@code read_contract}, {@code read_ticket_hold} after
 * {@code read_ticket}): their batches stop there, token and first rows written, not committed. The application is
 * killed while such batches wait (below its 3 s lock timeout), and started again; the two single-table read
 * models are killed in whatever state their rebuild is. Pass: the read models complete (the rebuilds resume from
 * their stored tokens, the restarted node claims the rebuild processors' segments and swaps them in) and equal a rebuild from scratch, reconciliation 0, no dead letters, and the commands
 * acknowledged meanwhile are all stored once.
 */
@Tag("faults")
class KillDuringProjectionBatchFaultTest {
    private static final int BACKLOG_COMMANDS = 150;
    /** The table whose copy is locked after each rebuild request: a batch of the group writes another table before it. */
    private static final Map<String, String> SECOND_TABLES = Map.of(Projections.DIRECTORY, "read_project",
            Projections.CONTRACTS, "read_contract_period", Projections.TICKETS, "read_ticket_hold");
    private static final Duration FREEZE_WAIT = Duration.ofSeconds(20);
    /**
     * Once a batch is seen frozen, how long to wait for more: well below the application's lock_timeout (3 s),
     * so the first is still waiting when the kill lands.
     */
    private static final Duration MORE_FROZEN_WAIT = Duration.ofMillis(1_000);

    /** A projection transaction that has written read-model rows and waits for a lock the test holds. */
    private record FrozenBatch(int pid, List<String> tables) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void kill_9_while_batches_are_written_leaves_read_models_that_complete_and_equal_a_rebuild() throws Exception {
        long began = System.nanoTime();
        try (FaultRig rig = FaultRig.create("2-kill-during-projection-batch")) {
            rig.startApplication();
            Results results;
            List<FrozenBatch> frozen;
            List<String> sessions;
            long replaying;
            long head;
            Duration restart;
            try (LoadGenerator load = LoadGenerator.start(rig.port(), 4, 0)) {
                load.awaitAcknowledged(System.nanoTime(), BACKLOG_COMMANDS, Duration.ofSeconds(240));
                try (Connection holder = rig.connect()) {
                    holder.setAutoCommit(false);
                    for (String group : Projections.ALL) {
                        Api.Response rebuild = rig.api().as("admin").post("/api/v1/admin/projections/" + group + "/rebuild");
                        assertThat(rebuild.status()).as("rebuild %s: %s", group, rebuild).isEqualTo(202);
                        if (SECOND_TABLES.containsKey(group)) {
                            try (Statement lock = holder.createStatement()) {
                                lock.execute("LOCK TABLE " + SECOND_TABLES.get(group) + ReadModels.SHADOW_SUFFIX
                                        + " IN EXCLUSIVE MODE");
                            }
                        }
                    }
                    frozen = awaitFrozenBatches(holder);
                    sessions = frozen.isEmpty() ? sessions(holder) : List.of();
                    replaying = stillReplaying(holder);
                    head = rig.head();
                    rig.killApplication();
                    holder.rollback();
                }
                assertThat(frozen).as("projection batches frozen mid-write; the application's sessions: %s", sessions)
                        .isNotEmpty();
                restart = rig.restartApplication();
                load.awaitAcknowledged(System.nanoTime(), 25, Duration.ofSeconds(120));
                results = load.stop();
            }
            assertThat(results.refused()).as("refused commands").isEmpty();
            assertThat(results.abandoned()).as("commands never answered").isEmpty();
            EventStoreVerifier.Report stored = new EventStoreVerifier(rig).verify(results);
            ReadModelCheck.Report readModels = new ReadModelCheck(rig).verify();
            FaultResults.record("2 kill -9 mid projection batch", ("killed with %d batches frozen after writing %s and "
                    + "%d segments still replaying (head %d); restarted in %s; %s; %s; %s total").formatted(
                    frozen.size(), new TreeSet<>(frozen.stream().flatMap(f -> f.tables().stream()).toList()),
                    replaying, head, seconds(restart), stored, readModels,
                    seconds(Duration.ofNanos(System.nanoTime() - began))));
        }
    }

    /**
     * The application's transactions that hold a row lock on a {@code read_*} table (they wrote rows) and wait
     * for the test's connection: at least one, then as many as show up within {@link #MORE_FROZEN_WAIT}.
     */
    private static List<FrozenBatch> awaitFrozenBatches(Connection holder) throws Exception {
        long deadline = System.nanoTime() + FREEZE_WAIT.toNanos();
        List<FrozenBatch> frozen = frozenBatches(holder);
        while (frozen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            frozen = frozenBatches(holder);
        }
        long more = System.nanoTime() + MORE_FROZEN_WAIT.toNanos();
        while (!frozen.isEmpty() && frozen.size() < SECOND_TABLES.size() && System.nanoTime() < more) {
            Thread.sleep(20);
            List<FrozenBatch> now = frozenBatches(holder);
            frozen = now.size() >= frozen.size() ? now : frozen;
        }
        return frozen;
    }

    private static List<FrozenBatch> frozenBatches(Connection holder) throws SQLException {
        List<FrozenBatch> frozen = new ArrayList<>();
        try (PreparedStatement query = holder.prepareStatement("""
                SELECT a.pid, array_agg(DISTINCT c.relname::text ORDER BY c.relname::text)
                FROM pg_stat_activity a
                JOIN pg_locks l ON l.pid = a.pid AND l.granted AND l.locktype = 'relation' AND l.mode = 'RowExclusiveLock'
                JOIN pg_class c ON c.oid = l.relation AND c.relkind = 'r' AND c.relname LIKE 'read\\_%'
                WHERE pg_backend_pid() = ANY (pg_blocking_pids(a.pid))
                GROUP BY a.pid ORDER BY a.pid""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                frozen.add(new FrozenBatch(rows.getInt(1), List.of((String[]) rows.getArray(2).getArray())));
            }
        }
        return frozen;
    }

    /** The application's sessions, what they wait for and the locks they hold: why no batch was seen frozen. */
    private static List<String> sessions(Connection holder) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement query = holder.prepareStatement("""
                SELECT a.pid, a.state, a.wait_event_type, left(a.query, 200), pg_blocking_pids(a.pid)::text,
                  (SELECT string_agg(l.locktype || ':' || coalesce(l.relation::regclass::text, '') || ':' || l.mode || ':' || l.granted, ', ')
                   FROM pg_locks l WHERE l.pid = a.pid)
                FROM pg_stat_activity a WHERE a.application_name <> 'fault-suite' AND a.backend_type = 'client backend'""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                out.add(rows.getInt(1) + " " + rows.getString(2) + " " + rows.getString(3) + " [" + rows.getString(4)
                        + "] blocked by " + rows.getString(5) + " locks " + rows.getString(6));
            }
        }
        return out;
    }

    /** Segments of the rebuild processors that had not reached the position their rebuild was asked at. */
    private static long stillReplaying(Connection holder) throws SQLException {
        try (PreparedStatement query = holder.prepareStatement("""
                SELECT count(*) FROM (SELECT convert_from(token, 'UTF8')::jsonb AS t FROM token_entry
                                      WHERE processor_name = ANY (?) AND token_type LIKE '%ReplayToken') r
                WHERE coalesce((t -> 'currentToken' ->> 'index')::bigint, -1) < (t -> 'tokenAtReset' ->> 'index')::bigint""")) {
            query.setArray(1, holder.createArrayOf("varchar",
                    Projections.ALL.stream().map(ReadModels::rebuildProcessor).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

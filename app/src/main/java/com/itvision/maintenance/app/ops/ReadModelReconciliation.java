package com.itvision.maintenance.app.ops;

import static java.util.stream.Collectors.joining;

import com.itvision.maintenance.app.ops.ReconciliationTargets.Group;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds events a read model never applied (ADR 0002): a tracking processor skips for good an event whose
 * transaction committed later than the gap timeout after a higher global index became visible.
 *
 * <p>Per processing group, in one read-only REPEATABLE READ snapshot: the group's tokens are read from
 * {@code token_entry} (written in the same transactions as the rows), giving the lowest position over its
 * segments and their gaps (events still awaited, not yet skipped). Then one aggregate query over
 * {@code domain_event_entry} computes, for the events at or below that position of the types the
 * projection handles, the last sequence number per aggregate, and compares it with the row's
 * {@code version} (directory: the row must exist). A row behind or missing is a mismatch; aggregates
 * parked in the group's dead-letter queue are counted apart (they have their own endpoints). A row ahead
 * is fine: its segment is further than the lowest one.
 *
 * <p>Only a skipped event that is still its aggregate's last handled one shows: a later event of the same
 * aggregate moves the version past it. The remedy is a rebuild: {@code POST
 * /api/v1/admin/projections/{group}/replay}.
 */
@Component
public class ReadModelReconciliation {
    static final int MAX_LISTED = 100;
    private static final Logger log = LoggerFactory.getLogger(ReadModelReconciliation.class);

    private final DSLContext dsl;
    private final Serializer serializer;
    private final Clock clock;
    private final TransactionTemplate snapshot;
    private final Map<String, String> sql;
    private final AtomicReference<Report> last = new AtomicReference<>();

    public ReadModelReconciliation(DSLContext dsl, Serializer serializer, Clock clock,
                                   PlatformTransactionManager transactions) {
        this.dsl = dsl;
        this.serializer = serializer;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.sql = ReconciliationTargets.ALL.stream()
                .collect(Collectors.toMap(Group::name, ReadModelReconciliation::sql));
    }

    /** A row behind the events: {@code foundVersion} null when the row has no version or is {@code missing}. */
    public record Mismatch(String table, String aggregateId, long expectedVersion, Long foundVersion,
                           boolean missing) {
    }

    /**
     * {@code checkedPosition}: the lowest position over the group's segments (null: nothing processed yet);
     * {@code mismatchCount} counts them all, {@code mismatches} lists the first {@value #MAX_LISTED};
     * {@code error}: the check itself failed.
     */
    public record GroupResult(String group, Long checkedPosition, long aggregatesChecked, long mismatchCount,
                              long deadLettered, List<Mismatch> mismatches, long durationMillis, String error) {
    }

    /** {@code clean}: every group checked, no mismatch. */
    public record Report(Instant checkedAt, long durationMillis, boolean clean, List<GroupResult> groups) {
    }

    /** The result of the last check (scheduled or asked for), null before the first. */
    public Report last() {
        return last.get();
    }

    @Scheduled(initialDelayString = "${maintenance.reconciliation.initial-delay:3m}",
            fixedDelayString = "${maintenance.reconciliation.interval:10m}")
    public void scheduledCheck() {
        check();
    }

    /** Checks every read model; logs an ERROR per group with mismatches. */
    public synchronized Report check() {
        Instant at = clock.instant();
        long start = System.nanoTime();
        List<GroupResult> groups = ReconciliationTargets.ALL.stream().map(this::check).toList();
        Report report = new Report(at, millisSince(start),
                groups.stream().allMatch(g -> g.error() == null && g.mismatchCount() == 0), groups);
        last.set(report);
        return report;
    }

    private GroupResult check(Group group) {
        long start = System.nanoTime();
        try {
            GroupResult result = snapshot.execute(tx -> compare(group, start));
            if (result.mismatchCount() > 0) {
                log.error("Read model {} missed events at or below position {}: {} of {} aggregates behind the "
                                + "event store, e.g. {}. Rebuild it: POST /api/v1/admin/projections/{}/replay",
                        group.name(), result.checkedPosition(), result.mismatchCount(), result.aggregatesChecked(),
                        result.mismatches().stream().limit(5).map(ReadModelReconciliation::describe)
                                .collect(joining(", ")), group.name());
            }
            return result;
        } catch (RuntimeException e) {
            log.error("Reconciliation of read model {} failed: {}", group.name(), e.toString());
            return new GroupResult(group.name(), null, 0, 0, 0, List.of(), millisSince(start), e.getMessage());
        }
    }

    private GroupResult compare(Group group, long start) {
        Position position = position(group.name());
        if (position == null) {
            return new GroupResult(group.name(), null, 0, 0, 0, List.of(), millisSince(start), null);
        }
        List<Object> binds = new ArrayList<>();
        group.targets().forEach(t -> {
            binds.add(t.payloadTypes().toArray(String[]::new));
            binds.add(position.index());
            binds.add(position.gaps().toArray(Long[]::new));
        });
        binds.add(group.name());
        binds.add(MAX_LISTED);
        Result<Record> rows = dsl.fetch(sql.get(group.name()), binds.toArray());
        Record totals = rows.getFirst();
        List<Mismatch> mismatches = rows.stream().filter(r -> r.get("aggregate_id") != null)
                .map(r -> new Mismatch(r.get("table_name", String.class), r.get("aggregate_id", String.class),
                        r.get("expected", Long.class), r.get("found", Long.class), r.get("missing", Boolean.class)))
                .toList();
        return new GroupResult(group.name(), position.index(), totals.get("checked", Long.class),
                totals.get("mismatched", Long.class), totals.get("parked", Long.class), mismatches,
                millisSince(start), null);
    }

    /** The lowest index over the segments' tokens and all their gaps; null while a segment processed nothing. */
    private record Position(long index, SortedSet<Long> gaps) {
    }

    private Position position(String group) {
        Result<Record> tokens = dsl.fetch("SELECT token, token_type FROM token_entry WHERE processor_name = ?", group);
        long lowest = Long.MAX_VALUE;
        SortedSet<Long> gaps = new TreeSet<>();
        for (Record row : tokens) {
            byte[] bytes = row.get("token", byte[].class);
            if (bytes == null) {
                return null;
            }
            TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class,
                    row.get("token_type", String.class), null));
            if (!(WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken lower)) {
                return null;
            }
            lowest = Math.min(lowest, lower.getIndex());
            gaps.addAll(lower.getGaps());
        }
        return tokens.isEmpty() ? null : new Position(lowest, gaps);
    }

    /**
     * One statement per group: per target, the last handled sequence number of each aggregate at or below
     * the position (gaps excluded) joined to its row; then the totals and the first mismatches.
     */
    private static String sql(Group group) {
        String compared = group.targets().stream().map(t -> """
                SELECT '%1$s' AS table_name, x.aggregate_id, x.expected, %3$s AS found, r.%2$s IS NULL AS missing
                FROM (SELECT aggregate_identifier AS aggregate_id, max(sequence_number) AS expected
                      FROM domain_event_entry
                      WHERE payload_type = ANY(?::text[]) AND global_index <= ?
                        AND global_index <> ALL(?::bigint[])
                      GROUP BY aggregate_identifier) x
                LEFT JOIN %1$s r ON r.%2$s = x.aggregate_id""".formatted(t.table(), t.key(),
                t.version() == null ? "NULL::bigint" : "r." + t.version())).collect(joining("\nUNION ALL\n"));
        return """
                WITH compared AS (
                %s
                ), judged AS (
                    SELECT c.*, (c.missing OR c.found < c.expected) AS behind,
                           (c.missing OR c.found < c.expected) AND EXISTS (SELECT 1 FROM dead_letter_entry d
                               WHERE d.processing_group = ? AND d.sequence_identifier = c.aggregate_id) AS parked
                    FROM compared c
                )
                SELECT s.checked, s.mismatched, s.parked, m.table_name, m.aggregate_id, m.expected, m.found, m.missing
                FROM (SELECT count(*) AS checked, count(*) FILTER (WHERE behind AND NOT parked) AS mismatched,
                             count(*) FILTER (WHERE parked) AS parked
                      FROM judged) s
                LEFT JOIN LATERAL (SELECT * FROM judged WHERE behind AND NOT parked
                                   ORDER BY table_name, aggregate_id LIMIT ?) m ON true""".formatted(compared);
    }

    private static String describe(Mismatch m) {
        return m.aggregateId() + (m.missing() ? " (no row in " + m.table() + ")"
                : " (" + m.table() + " version " + m.foundVersion() + ", expected " + m.expectedVersion() + ")");
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}

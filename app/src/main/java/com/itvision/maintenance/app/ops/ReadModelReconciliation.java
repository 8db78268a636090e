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
 * {@code version} (directory: the row must exist). A versioned row also counts the events it applied
 * ({@code applied}, see {@code ProjectionBatch.guardedUpdate}): it must equal the number of the
 * aggregate's handled events up to the row's own version, so an event skipped before a later one of the
 * same aggregate was applied shows too. A row behind, missing or with another count is a mismatch;
 * aggregates parked in the group's dead-letter queue are counted apart (they have their own endpoints).
 * A row ahead is fine: its segment is further than the lowest one (its count covers its own version).
 *
 * <p>The remedy is a rebuild: {@code POST /api/v1/admin/projections/{group}/rebuild (blue/green, ADR 0015)}.
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

    /**
     * A row behind the events: {@code foundVersion} null when the row has no version or is {@code missing};
     * {@code expectedApplied} (the aggregate's handled events up to {@code foundVersion}) and
     * {@code foundApplied} (the row's count) null when the row has no count or is missing.
     */
    public record Mismatch(String table, String aggregateId, long expectedVersion, Long foundVersion,
                           boolean missing, Long expectedApplied, Long foundApplied) {
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
                                + "event store, e.g. {}. Rebuild it: POST /api/v1/admin/projections/{}/rebuild",
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
            binds.add(position.index());
            binds.add(position.gaps().toArray(Long[]::new));
            binds.add(t.payloadTypes().toArray(String[]::new));
        });
        binds.add(group.name());
        binds.add(MAX_LISTED);
        Result<Record> rows = dsl.fetch(sql.get(group.name()), binds.toArray());
        Record totals = rows.getFirst();
        List<Mismatch> mismatches = rows.stream().filter(r -> r.get("aggregate_id") != null)
                .map(r -> new Mismatch(r.get("table_name", String.class), r.get("aggregate_id", String.class),
                        r.get("expected", Long.class), r.get("found", Long.class), r.get("missing", Boolean.class),
                        r.get("expected_applied", Long.class), r.get("found_applied", Long.class)))
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
     * One statement per group: per target, the handled events of each aggregate joined to its row, giving
     * the last sequence number at or below the position (gaps excluded; aggregates with none there are
     * left out) and the number of events up to the row's version (all of them: the row applied its
     * version's event, so every earlier one was committed and due); then the totals and the first
     * mismatches.
     */
    private static String sql(Group group) {
        String compared = group.targets().stream().map(t -> {
            boolean versioned = t.version() != null;
            return """
                SELECT * FROM (
                    SELECT '%1$s' AS table_name, e.aggregate_identifier AS aggregate_id,
                           max(e.sequence_number) FILTER (WHERE e.global_index <= ?
                               AND e.global_index <> ALL(?::bigint[])) AS expected,
                           %3$s AS found, r.%2$s IS NULL AS missing, %4$s AS expected_applied, %5$s AS found_applied
                    FROM domain_event_entry e
                    LEFT JOIN %1$s r ON r.%2$s = e.aggregate_identifier
                    WHERE e.payload_type = ANY(?::text[])
                    GROUP BY e.aggregate_identifier, r.%2$s%6$s) t
                WHERE expected IS NOT NULL""".formatted(t.table(), t.key(),
                    versioned ? "r." + t.version() : "NULL::bigint",
                    versioned ? "CASE WHEN r.%s IS NULL THEN NULL ELSE count(*) FILTER (WHERE e.sequence_number <= r.%s) END"
                            .formatted(t.key(), t.version()) : "NULL::bigint",
                    versioned ? "r." + t.applied() + "::bigint" : "NULL::bigint",
                    versioned ? ", r." + t.version() + ", r." + t.applied() : "");
        }).collect(joining("\nUNION ALL\n"));
        return """
                WITH compared AS (
                %s
                ), judged AS (
                    SELECT c.*, (c.missing OR c.found < c.expected
                                 OR coalesce(c.found_applied <> c.expected_applied, false)) AS behind
                    FROM compared c
                ), flagged AS (
                    SELECT j.*, j.behind AND EXISTS (SELECT 1 FROM dead_letter_entry d
                               WHERE d.processing_group = ? AND d.sequence_identifier = j.aggregate_id) AS parked
                    FROM judged j
                )
                SELECT s.checked, s.mismatched, s.parked, m.table_name, m.aggregate_id, m.expected, m.found, m.missing,
                       m.expected_applied, m.found_applied
                FROM (SELECT count(*) AS checked, count(*) FILTER (WHERE behind AND NOT parked) AS mismatched,
                             count(*) FILTER (WHERE parked) AS parked
                      FROM flagged) s
                LEFT JOIN LATERAL (SELECT * FROM flagged WHERE behind AND NOT parked
                                   ORDER BY table_name, aggregate_id LIMIT ?) m ON true""".formatted(compared);
    }

    private static String describe(Mismatch m) {
        if (m.missing()) {
            return m.aggregateId() + " (no row in " + m.table() + ")";
        }
        String applied = m.foundApplied() == null || m.foundApplied().equals(m.expectedApplied()) ? ""
                : "; " + m.foundApplied() + " events applied, expected " + m.expectedApplied();
        return m.aggregateId() + " (" + m.table() + " version " + m.foundVersion() + ", expected "
                + m.expectedVersion() + applied + ")";
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}

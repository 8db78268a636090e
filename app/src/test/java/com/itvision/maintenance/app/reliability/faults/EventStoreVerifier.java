package com.itvision.maintenance.app.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Acknowledged;
import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Results;
import com.itvision.maintenance.app.reliability.faults.LoadGenerator.Unsettled;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load generator was told, checked against the event store with plain JDBC (never against the API):
 * <ul>
 *   <li>every acknowledged command stored its event: the one event carrying its key is at exactly the aggregate
 *       and version the API answered, is of the command's type, and the answered position is a stored event at
 *       or after it;</li>
 *   <li>zero duplicates: no key is in more than one event, whatever happened to its requests (retried after a
 *       5xx, a lost connection, a kill; abandoned); a refused command stored nothing;</li>
 *   <li>nothing half-applied: every lookup row of the aggregate registry has its events and every ticket and
 *       billet its registry row; ticket and billet numbers are unique and gapless, and their counters say so.</li>
 * </ul>
 */
final class EventStoreVerifier {
    private static final Pattern KEY = Pattern.compile(LoadGenerator.KEY_PREFIX + "[0-9a-f]{32}");

    /** What was checked, for the scenario's result line. */
    record Report(int acknowledged, int retriedAfterFailure, int replayed, int abandoned, int abandonedButStored,
                  int refused, long events) {
        @Override
        public String toString() {
            return "%d acknowledged (%d after a failed attempt, %d replayed), all stored once; %d abandoned (%d stored), %d refused; %d events"
                    .formatted(acknowledged, retriedAfterFailure, replayed, abandoned, abandonedButStored, refused,
                            events);
        }
    }

    private record Stored(long globalIndex, String aggregateId, long sequence, String type) {
    }

    private final FaultRig rig;

    EventStoreVerifier(FaultRig rig) {
        this.rig = rig;
    }

    Report verify(Results results) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, List<Stored>> byKey;
        Set<Long> positions;
        long events;
        try (Connection db = rig.connect()) {
            byKey = eventsByKey(db);
            positions = storedPositions(db, results.acknowledged());
            events = single(db, "SELECT count(*) FROM domain_event_entry");
            halfApplied(db, problems);
        }
        byKey.forEach((key, stored) -> {
            if (stored.size() > 1) {
                problems.add("key " + key + " is in " + stored.size() + " events: " + stored);
            }
        });
        int retried = 0;
        int replayed = 0;
        for (Acknowledged ack : results.acknowledged()) {
            List<Stored> stored = byKey.getOrDefault(ack.key(), List.of());
            if (stored.size() != 1) {
                problems.add("acknowledged " + ack + " is in " + stored.size() + " events");
                continue;
            }
            Stored event = stored.getFirst();
            if (!event.type().equals(ack.operation().event) || !event.aggregateId().equals(ack.aggregateId())
                    || event.sequence() != ack.version()) {
                problems.add("acknowledged " + ack + " but the store holds " + event);
            }
            if (!positions.contains(ack.position()) || ack.position() < event.globalIndex()) {
                problems.add("acknowledged " + ack + ": position " + ack.position() + " is no stored event at or after "
                        + event.globalIndex());
            }
            retried += ack.failedBefore() ? 1 : 0;
            replayed += ack.replayed() ? 1 : 0;
        }
        for (Unsettled refusal : results.refused()) {
            if (byKey.containsKey(refusal.key())) {
                problems.add("refused " + refusal + " but stored " + byKey.get(refusal.key()));
            }
        }
        int abandonedButStored = (int) results.abandoned().stream().filter(a -> byKey.containsKey(a.key())).count();
        assertThat(problems).as("the event store against what the clients were told").isEmpty();
        return new Report(results.acknowledged().size(), retried, replayed, results.abandoned().size(),
                abandonedButStored, results.refused().size(), events);
    }

    /** The load's events, by the key each carries in its text. */
    private static Map<String, List<Stored>> eventsByKey(Connection db) throws SQLException {
        Map<String, List<Stored>> byKey = new HashMap<>();
        try (PreparedStatement statement = db.prepareStatement("SELECT global_index, aggregate_identifier, "
                + "sequence_number, payload_type, convert_from(payload, 'UTF8') FROM domain_event_entry");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Matcher key = KEY.matcher(rows.getString(5));
                if (key.find()) {
                    String type = rows.getString(4);
                    byKey.computeIfAbsent(key.group(), k -> new ArrayList<>()).add(new Stored(rows.getLong(1),
                            rows.getString(2), rows.getLong(3), type.substring(Math.max(type.lastIndexOf('.'),
                            type.lastIndexOf('$')) + 1)));
                }
            }
        }
        return byKey;
    }

    private static Set<Long> storedPositions(Connection db, List<Acknowledged> acknowledged) throws SQLException {
        Set<Long> found = new HashSet<>();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT global_index FROM domain_event_entry WHERE global_index = ANY (?)")) {
            statement.setArray(1, db.createArrayOf("bigint",
                    acknowledged.stream().map(Acknowledged::position).distinct().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getLong(1));
                }
            }
        }
        return found;
    }

    /** Lookup rows without their events, or events without their lookup rows; numbers reused or skipped. */
    private static void halfApplied(Connection db, List<String> problems) throws SQLException {
        long orphans = single(db, "SELECT count(*) FROM aggregate_registry r WHERE NOT EXISTS "
                + "(SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = r.aggregate_id)");
        if (orphans > 0) {
            problems.add(orphans + " aggregate_registry rows have no event");
        }
        for (String kind : List.of("TICKET", "BILLET")) {
            String created = kind.equals("TICKET") ? "%TicketOpened" : "%BilletIssued";
            long unregistered = single(db, "SELECT count(*) FROM domain_event_entry e WHERE e.payload_type LIKE '"
                    + created + "' AND NOT EXISTS (SELECT 1 FROM aggregate_registry r "
                    + "WHERE r.aggregate_id = e.aggregate_identifier AND r.aggregate_type = '" + kind + "')");
            if (unregistered > 0) {
                problems.add(unregistered + " " + kind + " events have no aggregate_registry row");
            }
            long count = single(db, "SELECT count(*) FROM aggregate_registry WHERE aggregate_type = '" + kind + "'");
            long distinct = single(db, "SELECT count(DISTINCT number) FROM aggregate_registry WHERE aggregate_type = '"
                    + kind + "'");
            long highest = single(db, "SELECT coalesce(max(substring(number FROM '[0-9]+$')::bigint), 0) "
                    + "FROM aggregate_registry WHERE aggregate_type = '" + kind + "'");
            long counter = single(db, "SELECT coalesce(max(last_value), 0) FROM number_counter WHERE scope = '"
                    + kind.toLowerCase() + "'");
            if (distinct != count || highest != count || counter != count) {
                problems.add(kind + " numbers: " + count + " aggregates, " + distinct + " distinct numbers, highest "
                        + highest + ", counter " + counter + " (unique and gapless: all equal)");
            }
        }
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

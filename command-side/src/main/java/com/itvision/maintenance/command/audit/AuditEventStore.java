package com.itvision.maintenance.command.audit;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event store for the audit, by SQL on {@code domain_event_entry} only (never a read model):
 * the events of a ticket and of everything under it (V21's lineage), of a contract, or of the whole
 * store under the log's filters, always in global position order and paged by position.
 */
@Component
class AuditEventStore {
    static final String COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    AuditEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ticket's own events, its billets' and interventions' (reports and corrections are events of the
     * intervention), and the quota decisions its contract made for them, after {@code after}, at most
     * {@code limit}, in position order. Each part is one index scan: by aggregate, by event identifier.
     */
    List<StoredEvent> ticketChain(String ticketId, long after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.global_index > :after"
                        + " AND e.aggregate_identifier IN (SELECT CAST(:ticket AS varchar)"
                        + " UNION ALL SELECT child_id FROM audit_lineage WHERE root_id = :ticket)"
                        + " UNION ALL SELECT " + COLUMNS + " FROM audit_quota_decision q"
                        + " JOIN domain_event_entry e ON e.event_identifier = q.event_id"
                        + " WHERE q.ticket_id = :ticket AND e.global_index > :after"
                        + " ORDER BY 1 LIMIT :limit")
                .param("after", after)
                .param("ticket", ticketId)
                .param("limit", limit)
                .query(AuditEventStore::row)
                .list();
    }

    /** One aggregate's events (a contract: its periods, amendments, renewals and quota decisions). */
    List<StoredEvent> aggregate(String aggregateId, long after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.aggregate_identifier = :id"
                        + " AND e.global_index > :after ORDER BY e.global_index LIMIT :limit")
                .param("id", aggregateId)
                .param("after", after)
                .param("limit", limit)
                .query(AuditEventStore::row)
                .list();
    }

    /** The log's filters; null means "any". */
    record LogFilter(String actor, String role, String aggregateType, String aggregateId, String eventType,
                     String correlationId, Instant from, Instant to) {
    }

    List<StoredEvent> log(LogFilter filter, long after, int limit) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
        Map<String, Object> params = new TreeMap<>();
        where.add("e.global_index > :after");
        params.put("after", after);
        if (filter.actor() != null) {
            where.add("(audit_metadata(e.meta_data) ->> 'actorId') = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.correlationId() != null) {
            where.add("(audit_metadata(e.meta_data) ->> 'correlationId') = :correlation");
            params.put("correlation", filter.correlationId());
        }
        if (filter.role() != null) {
            where.add(":role = ANY (string_to_array(audit_metadata(e.meta_data) ->> 'actorRole', ','))");
            params.put("role", filter.role());
        }
        if (filter.aggregateType() != null) {
            where.add("e.type = :aggregateType");
            params.put("aggregateType", filter.aggregateType());
        }
        if (filter.aggregateId() != null) {
            where.add("e.aggregate_identifier = :aggregateId");
            params.put("aggregateId", filter.aggregateId());
        }
        if (filter.eventType() != null) {
            where.add("substring(e.payload_type FROM '[$.](\\w+)$') = :eventType");
            params.put("eventType", filter.eventType());
        }
        // the business instant of the event (its payload's occurredAt), the one every entry shows
        // (escapes PostgreSQL cannot turn into text made harmless first, as in V21: an old payload never fails a read)
        String occurredAt = "(regexp_replace(convert_from(e.payload, 'UTF8'), "
                + "'\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})', '\\\\ufffd', 'g')::json ->> 'occurredAt')::timestamptz";
        if (filter.from() != null) {
            where.add(occurredAt + " >= :from");
            params.put("from", java.sql.Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.add(occurredAt + " < :to");
            params.put("to", java.sql.Timestamp.from(filter.to()));
        }
        params.put("limit", limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM domain_event_entry e" + where
                        + " ORDER BY e.global_index LIMIT :limit")
                .params(params)
                .query(AuditEventStore::row)
                .list();
    }

    /** User ids to user names, for the summaries ("issued to tech by lead"). */
    Map<String, String> usernames(List<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new TreeMap<>();
        jdbc.sql("SELECT user_id, username FROM directory_user WHERE user_id IN (:ids)")
                .param("ids", userIds)
                .query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
                .list();
        return names;
    }

    long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    private static StoredEvent row(ResultSet rs, int n) throws SQLException {
        byte[] payload = rs.getBytes(9);
        byte[] meta = rs.getBytes(10);
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), Instant.parse(rs.getString(8)), payload, meta, json(payload),
                meta == null ? null : json(meta));
    }

    private static JsonNode json(byte[] bytes) {
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

}

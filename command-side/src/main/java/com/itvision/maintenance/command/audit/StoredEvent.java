package com.itvision.maintenance.command.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One row of {@code domain_event_entry} as the audit reads it: where it is (global position, aggregate,
 * sequence), what it is (type, revision), its audit metadata and its payload, both as the stored JSON.
 * {@code occurredAt} is the event's own business instant (its payload's {@code occurredAt}); {@code storedAt}
 * is when the event store wrote it.
 */
record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                   String payloadType, String revision, Instant storedAt, byte[] payload, byte[] metaData,
                   JsonNode payloadJson, JsonNode metaJson) {

    String eventType() {
        int dollar = payloadType.lastIndexOf('$');
        return dollar >= 0 ? payloadType.substring(dollar + 1) : payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    Instant occurredAt() {
        JsonNode at = payloadJson.get("occurredAt");
        return at == null || at.isNull() ? storedAt : Instant.parse(at.asString());
    }

    String meta(String key) {
        JsonNode value = metaJson == null ? null : metaJson.get(key);
        return value == null || value.isNull() ? null : value.asString();
    }
}

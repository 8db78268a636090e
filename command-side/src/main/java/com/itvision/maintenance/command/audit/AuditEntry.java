package com.itvision.maintenance.command.audit;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One stored event as the audit shows it: where it is in the store, what it is, who did it in which
 * role, why, in which request (correlation) and because of which message (causation), its payload as
 * stored, and one line of plain language.
 */
public record AuditEntry(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                         String eventType, String revision, Instant occurredAt, Instant storedAt, String actorId,
                         String actorRole, String reason, String correlationId, String causationId,
                         String summary, JsonNode payload) {

    /** A page of entries in position order; {@code next} is the {@code after} of the next page, null at the end. */
    public record Page(List<AuditEntry> entries, Long next) {
    }
}

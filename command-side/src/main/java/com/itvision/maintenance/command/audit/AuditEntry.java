package com.itvision.maintenance.command.audit;

import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One stored event as the audit shows it: where it is in the store, what it is, who did it in which
 * role, why, in which request (correlation) and because of which message (causation), its payload as
 * stored, and one line of plain language.
 */
public record AuditEntry(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                         String eventType, String revision, Instant occurredAt, Instant storedAt, String actorId,
                         String actorRole, String reason, String correlationId, String causationId,
                         String summary,
                         @Schema(type = "object", description = "The event's payload as stored (JSON)") JsonNode payload) {
}

package com.itvision.maintenance.command.audit;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One line of plain language per event, for an auditor scanning a history: what happened to which
 * numbered thing, by whom (user names, not ids), and why when the event says why, e.g.
 * {@code BILLET-00003 issued to tech by lead, 2.5 h ANALYSIS}.
 */
final class AuditSummaries {
    private AuditSummaries() {
    }

    /** @param numbers aggregate id → human number (MAINT-00001, BILLET-00003, MC-202601-0001) */
    static String of(StoredEvent e, Map<String, String> numbers, Map<String, String> users) {
        JsonNode p = e.payloadJson();
        String label = label(e.aggregateId(), e.aggregateType(), numbers);
        String by = " by " + user(e.meta("actorId") != null ? e.meta("actorId") : text(p.path("actor"), "userId"), users);
        String summary = switch (e.eventType()) {
            case "TicketOpened" -> text(p, "number") + " opened" + by + ": \"" + text(p, "title") + "\" ("
                    + text(p, "severity") + ", " + (p.path("coverage").path("covered").asBoolean()
                    ? "covered by " + label(text(p.path("coverage"), "contractId"), "Contract", numbers)
                    : "billable, " + text(p.path("coverage"), "reasonCode")) + ")";
            case "BilletIssued" -> text(p, "number") + " issued to " + user(text(p, "technicianId"), users) + by + ", "
                    + hours(p.path("estimatedHours")) + " h " + text(p, "type");
            case "TicketAssigned" -> label + " assigned to " + user(text(p, "technicianId"), users) + by + " with "
                    + label(text(p, "billetId"), "Billet", numbers);
            case "TicketReassigned" -> label + " reassigned from " + user(text(p, "from"), users) + " to "
                    + user(text(p, "to"), users) + by;
            case "TicketResponded" -> label + " responded at " + text(p, "respondedAt") + ", SLA "
                    + (p.path("slaMet").asBoolean() ? "met" : "missed");
            case "SeverityReclassified" -> label + " reclassified " + text(p, "from") + " → " + text(p, "to") + by;
            case "InterventionRecorded" -> "Intervention of " + user(text(p, "technicianId"), users) + " under "
                    + label(text(p, "billetId"), "Billet", numbers) + " recorded" + by + ", "
                    + hours(p.path("hoursSpent")) + " h, " + (p.path("covered").asBoolean() ? "covered"
                    : "billable (" + text(p, "billingReason") + ")");
            case "InterventionCorrected" -> "Intervention corrected" + by + " to " + hours(p.path("hoursSpent")) + " h";
            case "TechnicalReportWritten" -> "Technical report v" + p.path("version").asInt() + " written" + by;
            case "TechnicalReportValidated" -> "Technical report v" + p.path("version").asInt() + " validated" + by;
            case "TechnicalReportRejected" -> "Technical report v" + p.path("version").asInt() + " rejected" + by;
            case "InterventionQuotaConsumed" -> label + " quota unit consumed for an intervention, "
                    + p.path("used").asInt() + (p.path("included").isNull() || p.path("included").isMissingNode()
                    ? " used (unlimited)" : " of " + p.path("included").asInt() + " used");
            case "InterventionQuotaConsumptionRefused" -> label + " quota consumption refused for an intervention: "
                    + text(p, "reasonCode");
            case "InterventionQuotaRefunded" -> label + " quota unit refunded, " + p.path("used").asInt() + " used";
            case "TicketRated" -> label + " rated " + p.path("score").asInt() + "/5" + by;
            default -> label + " " + words(e.eventType(), e.aggregateType()) + by;
        };
        String reason = e.meta("reason") != null ? e.meta("reason") : text(p, "reason");
        return reason == null || summary.contains(reason) ? summary : summary + ": " + reason;
    }

    private static String label(String id, String type, Map<String, String> numbers) {
        if (id == null) {
            return type;
        }
        String number = numbers.get(id);
        return number != null ? number : type + " " + id;
    }

    private static String user(String userId, Map<String, String> users) {
        return userId == null ? "?" : users.getOrDefault(userId, userId);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String hours(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "?" : new BigDecimal(value.asString()).setScale(1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code TicketPutOnHold} of a Ticket → "put on hold"; {@code ContractRenewed} → "renewed". */
    static String words(String eventType, String aggregateType) {
        String name = aggregateType != null && eventType.startsWith(aggregateType)
                ? eventType.substring(aggregateType.length()) : eventType;
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).trim();
    }
}

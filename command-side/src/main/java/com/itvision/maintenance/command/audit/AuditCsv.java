package com.itvision.maintenance.command.audit;

import java.util.List;

/**
 * Audit log rows as CSV (RFC 4180: UTF-8, CRLF, quoted when needed, quotes doubled). A text cell a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return) gets a leading
 * apostrophe; the payload is the stored JSON in one cell.
 */
final class AuditCsv {
    static final String HEADER = "position,occurredAt,aggregateType,aggregateId,sequence,eventType,revision,"
            + "actorId,actorRole,reason,correlationId,causationId,eventId,summary,payload";

    private AuditCsv() {
    }

    static String write(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (AuditEntry e : entries) {
            out.append(e.position()).append(',')
                    .append(cell(String.valueOf(e.occurredAt()))).append(',')
                    .append(cell(e.aggregateType())).append(',')
                    .append(cell(e.aggregateId())).append(',')
                    .append(e.sequence()).append(',')
                    .append(cell(e.eventType())).append(',')
                    .append(cell(e.revision())).append(',')
                    .append(cell(e.actorId())).append(',')
                    .append(cell(e.actorRole())).append(',')
                    .append(cell(e.reason())).append(',')
                    .append(cell(e.correlationId())).append(',')
                    .append(cell(e.causationId())).append(',')
                    .append(cell(e.eventId())).append(',')
                    .append(cell(e.summary())).append(',')
                    .append(cell(e.payload() == null ? null : e.payload().toString()))
                    .append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

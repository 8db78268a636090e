package com.itvision.maintenance.command.audit;

import java.util.List;

/** A page of audit entries in position order; {@code next} is the {@code after} of the next page, null at the end. */
public record AuditPage(List<AuditEntry> entries, Long next) {
}

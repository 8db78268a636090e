package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.TicketId;

/** A validated report resolves its ticket and completes its billet (seed 001 {@code valider}). */
record ValidatedReport(InterventionId interventionId, TicketId ticketId, BilletId billetId) {
}

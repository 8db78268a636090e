package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;

/** A ticket as recording an intervention needs it: is it still treatable, and what covers it. */
public record TicketFacts(TicketId ticketId, String number, ClientId clientId, boolean treatable,
                          TicketCoverage coverage, java.time.Instant openedAt) {
}

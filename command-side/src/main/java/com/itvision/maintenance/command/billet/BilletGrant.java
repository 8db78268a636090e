package com.itvision.maintenance.command.billet;

import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;

/** A valid billet's authorisation, as recording an intervention needs it. */
public record BilletGrant(BilletId billetId, String number, TicketId ticketId, ClientId clientId,
                          UserId technicianId, BigDecimal estimatedHours) {
}

package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.InterventionId;

/** {@code refundFrom} is the contract whose quota unit goes back, or null. */
record CancelledIntervention(InterventionId interventionId, ContractId refundFrom, String reason) {
}

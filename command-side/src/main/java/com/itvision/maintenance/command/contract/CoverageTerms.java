package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.contract.SupportHours;
import java.time.ZoneId;

/** A contract as a ticket needs it on one day: whose it is, whether it is active, and its SLA terms. */
public record CoverageTerms(ContractId contractId, ClientId clientId, ProjectId projectId, boolean active,
                            int revision, int slaHours, SupportHours supportHours, ZoneId timeZone) {
}

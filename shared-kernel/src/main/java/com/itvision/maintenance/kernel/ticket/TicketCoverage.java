package com.itvision.maintenance.kernel.ticket;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.contract.SupportHours;
import java.time.ZoneId;

/**
 * Seed 001 {@code _verifier_garantie}: decided once, when the ticket is opened, and kept with its
 * reason. A covered ticket records the contract's revision, SLA, support hours and time zone in force
 * at that moment, so later amendments never change an already opened ticket.
 *
 * @param reasonCode {@code COVERED}, {@code NO_CONTRACT} or {@code CONTRACT_NOT_ACTIVE}
 */
public record TicketCoverage(boolean covered, String reasonCode, String reason, ContractId contractId,
                             Integer contractRevision, Integer slaHours, SupportHours supportHours, ZoneId timeZone) {

    public static final String COVERED = "COVERED";
    public static final String NO_CONTRACT = "NO_CONTRACT";
    public static final String CONTRACT_NOT_ACTIVE = "CONTRACT_NOT_ACTIVE";

    public static TicketCoverage covered(ContractId contract, int revision, int slaHours, SupportHours hours,
                                         ZoneId zone) {
        return new TicketCoverage(true, COVERED, "Couvert par le contrat", contract, revision, slaHours, hours, zone);
    }

    public static TicketCoverage noContract() {
        return new TicketCoverage(false, NO_CONTRACT, "Aucun contrat", null, null, null, null, null);
    }

    public static TicketCoverage contractNotActive(ContractId contract) {
        return new TicketCoverage(false, CONTRACT_NOT_ACTIVE, "Contrat de garantie expiré", contract, null, null, null,
                null);
    }

    public boolean billable() {
        return !covered;
    }
}

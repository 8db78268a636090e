package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.contract.ContractCommands.AmendContract;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.Coverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The terms after an amendment and the names of the fields it really changes. */
record Amendment(ContractTerms terms, List<String> changedFields) {

    static Amendment of(ContractTerms current, AmendContract cmd) {
        List<String> changed = new ArrayList<>();
        Coverage coverage = pick(current.coverage(), cmd.coverage(), "coverage", changed);
        if (cmd.equipment() != null && !cmd.equipment().equals(coverage.equipment())) {
            coverage = coverage.withEquipment(cmd.equipment());
            changed.add("equipment");
        }
        ContractTerms next = new ContractTerms(
                pick(current.slaHours(), cmd.slaHours(), "slaHours", changed),
                pick(current.supportHours(), cmd.supportHours(), "supportHours", changed),
                current.timeZone(),
                coverage,
                pick(current.quota(), cmd.quota(), "quota", changed),
                pick(current.services(), cmd.services(), "services", changed),
                pick(current.annualPrice(), cmd.annualPrice(), "annualPrice", changed),
                pick(current.paymentFrequency(), cmd.paymentFrequency(), "paymentFrequency", changed),
                pick(current.tacitRenewal(), cmd.tacitRenewal(), "tacitRenewal", changed));
        return new Amendment(next, List.copyOf(changed));
    }

    private static <T> T pick(T current, T proposed, String field, List<String> changed) {
        if (proposed == null || Objects.equals(current, proposed)) {
            return current;
        }
        changed.add(field);
        return proposed;
    }
}

package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.command.directory.Directory;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.contract.ContractKind;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.Equipment;
import com.itvision.maintenance.kernel.contract.Period;

/** The named rules of the Contract aggregate; each refusal carries its stable code. */
final class ContractPolicies {
    private ContractPolicies() {
    }

    /** Seed 001 permissions: "Créer contrat" is ADMIN and PROJECT_LEAD; SALES may propose for its own clients. */
    static void mayDraft(Actor actor, Directory.ClientEntry client) {
        if (actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            return;
        }
        if (actor.has(Role.SALES) && actor.userId().equals(client.salesRepId())) {
            return;
        }
        if (actor.has(Role.CLIENT) && !actor.actsFor(client.clientId())) {
            throw DomainException.notFound(ErrorCode.CLIENT_NOT_FOUND, client.clientId());
        }
        throw DomainException.forbidden(actor.has(Role.SALES)
                ? "A sales rep may only propose contracts for the clients they follow"
                : "Only ADMIN, PROJECT_LEAD or the client's SALES rep may propose a contract");
    }

    static void mayChange(Actor actor) {
        if (!actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            throw DomainException.forbidden("Only ADMIN or PROJECT_LEAD may change a contract");
        }
    }

    /** A CLIENT user never learns that another client's contract exists. */
    static void visibleTo(Actor actor, ClientId owner, Object contractId) {
        if (actor.has(Role.CLIENT) && !actor.actsFor(owner) && !actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            throw DomainException.notFound(ErrorCode.CONTRACT_NOT_FOUND, contractId);
        }
    }

    static void nameIsValid(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "A contract needs a name of 1 to 200 characters");
        }
    }

    static void periodIsValid(Period period) {
        if (!period.endsAfterStart()) {
            throw DomainException.rule(ErrorCode.INVALID_PERIOD,
                    "The end date " + period.end() + " must be after the start date " + period.start());
        }
    }

    /** MAINTENANCE is paid (> 0); WARRANTY is free (= 0). */
    static void priceFitsKind(ContractKind kind, Money price) {
        if (kind == ContractKind.MAINTENANCE && !price.isPositive()) {
            throw DomainException.rule(ErrorCode.INVALID_PRICE, "A maintenance contract must have an annual price above 0");
        }
        if (kind == ContractKind.WARRANTY && !price.isZero()) {
            throw DomainException.rule(ErrorCode.INVALID_PRICE, "A warranty contract is free: its annual price must be 0");
        }
    }

    static void termsAreValid(ContractKind kind, ContractTerms terms) {
        if (terms.slaHours() <= 0) {
            throw DomainException.rule(ErrorCode.INVALID_SLA, "The response-time SLA must be more than 0 hours");
        }
        if (!terms.quota().unlimited() && terms.quota().included() < 0) {
            throw DomainException.rule(ErrorCode.INVALID_QUOTA, "The intervention quota cannot be negative");
        }
        equipmentIsCounted(terms.coverage());
        priceFitsKind(kind, terms.annualPrice());
    }

    /** Seed 000 equipment "16 caméras": a covered piece of equipment is there at least once. */
    static void equipmentIsCounted(Coverage coverage) {
        if (coverage == null) {
            return;
        }
        for (int i = 0; i < coverage.equipment().size(); i++) {
            Equipment item = coverage.equipment().get(i);
            if (item.quantity() < 1) {
                throw new InvalidFieldException(ErrorCode.INVALID_QUANTITY, "coverage.equipment[" + i + "].quantity",
                        "The quantity of equipment '" + item.type() + "' must be at least 1, not " + item.quantity());
            }
        }
    }

    static void sameCurrency(Money current, Money proposed) {
        if (!current.currency().equals(proposed.currency())) {
            throw DomainException.rule(ErrorCode.CURRENCY_MISMATCH,
                    "The contract is priced in " + current.currency() + ", not " + proposed.currency());
        }
    }
}

package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.command.contract.ContractCoverage;
import com.itvision.maintenance.command.contract.CoverageTerms;
import com.itvision.maintenance.command.directory.Directory;
import com.itvision.maintenance.command.support.NumberAllocator;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.ticket.TicketCommands.OpenTicket;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Opens a ticket and decides, once, whether it is covered (seed 001 {@code _verifier_garantie}): the
 * named contract, or the only active contract covering the project, read in the same transaction from the
 * command-side coverage lookup ({@link ContractCoverage}): the Contract aggregate is neither loaded nor
 * locked, so an opening costs the same whatever the contract's history (ADR 0019). The ticket number is
 * allocated last, just before the event, so the gapless counter's row lock is taken as late as the
 * handler can take it.
 */
@Component
public class TicketOpening {
    private final Repository<Ticket> tickets;
    private final ContractCoverage contracts;
    private final Directory directory;
    private final NumberAllocator numbers;
    private final Clock clock;

    public TicketOpening(Repository<Ticket> tickets, ContractCoverage contracts, Directory directory,
                         NumberAllocator numbers, Clock clock) {
        this.tickets = tickets;
        this.contracts = contracts;
        this.directory = directory;
        this.numbers = numbers;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(OpenTicket cmd) throws Exception {
        Actor actor = cmd.actor();
        Directory.ProjectEntry project = directory.project(cmd.projectId())
                .filter(p -> !actor.has(Role.CLIENT) || actor.actsFor(p.clientId()))
                .orElseThrow(() -> DomainException.notFound(ErrorCode.PROJECT_NOT_FOUND, cmd.projectId()));
        text(cmd.title(), "title", 200);
        text(cmd.description(), "description", 10_000);
        if (cmd.severity() == null || cmd.origin() == null) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "severity and origin are required");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        TicketCoverage coverage = cmd.contractId() != null
                ? named(cmd.contractId(), project, actor, today)
                : onlyActive(project, today);
        Instant deadline = coverage.covered()
                ? SlaClock.of(coverage.supportHours(), coverage.timeZone())
                .deadline(now, Duration.ofHours(coverage.slaHours()), List.of()).orElseThrow()
                : null;
        TicketOpened opened = new TicketOpened(cmd.ticketId(), "MAINT-%05d".formatted(numbers.next("ticket")),
                project.clientId(), cmd.projectId(), cmd.title().strip(), cmd.description().strip(), cmd.severity(),
                cmd.origin(), coverage, deadline, actor, now);
        tickets.newInstance(() -> new Ticket(opened));
        return opened.number();
    }

    private TicketCoverage named(ContractId contractId, Directory.ProjectEntry project, Actor actor, LocalDate today) {
        CoverageTerms terms = contracts.coverageOn(contractId, today)
                .orElseThrow(() -> DomainException.notFound(ErrorCode.CONTRACT_NOT_FOUND, contractId));
        if (actor.has(Role.CLIENT) && !actor.actsFor(terms.clientId())) {
            throw DomainException.notFound(ErrorCode.CONTRACT_NOT_FOUND, contractId);
        }
        boolean sameProject = terms.projectId() != null ? terms.projectId().equals(project.projectId())
                : terms.clientId().equals(project.clientId());
        if (!sameProject) {
            throw DomainException.rule(ErrorCode.CONTRACT_NOT_OF_PROJECT,
                    "Contract " + contractId + " does not cover project " + project.projectId());
        }
        return decide(terms);
    }

    private TicketCoverage onlyActive(Directory.ProjectEntry project, LocalDate today) {
        List<CoverageTerms> active = contracts.candidatesOn(project.projectId(), project.clientId(), today).stream()
                .filter(CoverageTerms::active)
                .toList();
        if (active.size() > 1) {
            throw DomainException.rule(ErrorCode.AMBIGUOUS_CONTRACT, "Several active contracts cover project "
                    + project.projectId() + ": name the contract");
        }
        return active.isEmpty() ? TicketCoverage.noContract() : decide(active.getFirst());
    }

    private static TicketCoverage decide(CoverageTerms terms) {
        return terms.active()
                ? TicketCoverage.covered(terms.contractId(), terms.revision(), terms.slaHours(), terms.supportHours(),
                terms.timeZone())
                : TicketCoverage.contractNotActive(terms.contractId());
    }

    private static void text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, field + " is required (at most " + max + " characters)");
        }
    }
}

package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.command.billet.Billet;
import com.itvision.maintenance.command.billet.BilletGrant;
import com.itvision.maintenance.command.ticket.Ticket;
import com.itvision.maintenance.command.ticket.TicketFacts;
import com.itvision.maintenance.kernel.billet.BilletCommands.CompleteBillet;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import com.itvision.maintenance.kernel.contract.ContractCommands.RefundInterventionQuota;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.CancelIntervention;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RecordIntervention;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.ValidateTechnicalReport;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import com.itvision.maintenance.kernel.ticket.TicketCommands.RecordResponse;
import com.itvision.maintenance.kernel.ticket.TicketCommands.ResolveTicket;
import java.math.BigDecimal;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * The steps of the chain that touch several aggregates, each done in ONE transaction (commands sent
 * here run in nested units of work that commit with the outer one):
 * <ul>
 *   <li>recording an intervention checks the billet and that its technician was not intervening
 *       elsewhere then, decides coverage and consumes the contract's quota (seed 000), and answers the
 *       ticket's SLA;</li>
 *   <li>validating a report resolves the ticket and completes the billet (seed 001 {@code valider});</li>
 *   <li>cancelling an intervention refunds its quota unit.</li>
 * </ul>
 * Aggregates are always locked in the order intervention → billet → ticket → contract, and a technician's
 * schedule last, so two of these workflows can never deadlock each other.
 */
@Component
public class InterventionWorkflow {
    /** Seed 001: "Avertissement si temps_passe > duree_estimee * 2". */
    static final BigDecimal OVERRUN_FACTOR = BigDecimal.valueOf(2);
    public static final String NOT_COVERED = "NOT_COVERED";

    private final Repository<Intervention> interventions;
    private final Repository<Billet> billets;
    private final Repository<Ticket> tickets;
    private final CommandGateway commands;
    private final TechnicianSchedule schedule;
    private final Clock clock;

    public InterventionWorkflow(Repository<Intervention> interventions, Repository<Billet> billets,
                                Repository<Ticket> tickets, CommandGateway commands, TechnicianSchedule schedule,
                                Clock clock) {
        this.interventions = interventions;
        this.billets = billets;
        this.tickets = tickets;
        this.commands = commands;
        this.schedule = schedule;
        this.clock = clock;
    }

    @CommandHandler
    public RecordedIntervention handle(RecordIntervention cmd) throws Exception {
        BilletGrant grant = billets.load(cmd.billetId().value()).invoke(b -> b.authorise(cmd.actor()));
        BigDecimal hours = Intervention.timesAreValid(cmd.startedAt(), cmd.endedAt(), cmd.hoursSpent(), clock);
        if (cmd.description() == null || cmd.description().isBlank()) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "description of the actions is required");
        }
        TicketFacts ticket = tickets.load(grant.ticketId().value()).invoke(Ticket::facts);
        if (cmd.startedAt().isBefore(ticket.openedAt())) {
            throw DomainException.rule(ErrorCode.INVALID_TIMES,
                    "An intervention cannot start before its ticket was opened (" + ticket.openedAt() + ")");
        }
        if (!ticket.treatable()) {
            throw DomainException.rule(ErrorCode.NO_VALID_BILLET,
                    "Ticket " + ticket.number() + " can no longer be treated: billet " + grant.number() + " authorises nothing");
        }
        boolean covered = false;
        boolean quotaConsumed = false;
        String billingReason = NOT_COVERED;
        var contract = ticket.coverage().contractId();
        if (ticket.coverage().covered()) {
            QuotaDecision decision = commands.sendAndWait(
                    new ConsumeInterventionQuota(contract, cmd.interventionId().value(), cmd.actor()));
            covered = decision.consumed();
            quotaConsumed = decision.consumed();
            billingReason = decision.consumed() ? null : decision.refusalCode();
        }
        String overrun = hours.compareTo(grant.estimatedHours().multiply(OVERRUN_FACTOR)) > 0
                ? "OVERRUN: %s h spent, more than twice the %s h estimated by %s".formatted(hours,
                grant.estimatedHours(), grant.number())
                : null;
        // the technician's schedule is the last lock taken (after billet, ticket and contract): no cycle
        Intervention.technicianIsFree(schedule, grant.technicianId(), cmd.interventionId(), cmd.startedAt(),
                cmd.endedAt());
        InterventionRecorded recorded = new InterventionRecorded(cmd.interventionId(), grant.billetId(),
                grant.ticketId(), grant.clientId(), grant.technicianId(), cmd.description().strip(), cmd.startedAt(),
                cmd.endedAt(), hours, blankToNull(cmd.fixApplied()), blankToNull(cmd.filesChanged()), covered,
                billingReason, contract, quotaConsumed, overrun, cmd.actor(), clock.instant());
        interventions.newInstance(() -> new Intervention(recorded));
        commands.sendAndWait(new RecordResponse(grant.ticketId(), cmd.interventionId(), cmd.startedAt(), cmd.actor()));
        return new RecordedIntervention(covered, billingReason, overrun);
    }

    @CommandHandler
    public void handle(ValidateTechnicalReport cmd) {
        Aggregate<Intervention> intervention = interventions.load(cmd.interventionId().value(), cmd.expectedVersion());
        ValidatedReport validated = intervention.invoke(i -> i.validate(cmd.actor(), clock));
        commands.sendAndWait(new CompleteBillet(validated.billetId(), validated.interventionId(), cmd.actor()));
        commands.sendAndWait(new ResolveTicket(validated.ticketId(), validated.interventionId(), validated.billetId(),
                cmd.actor()));
    }

    @CommandHandler
    public void handle(CancelIntervention cmd) {
        Aggregate<Intervention> intervention = interventions.load(cmd.interventionId().value(), cmd.expectedVersion());
        CancelledIntervention cancelled = intervention.invoke(i -> i.cancel(cmd.actor(), cmd.reason(), clock));
        if (cancelled.refundFrom() != null) {
            commands.sendAndWait(new RefundInterventionQuota(cancelled.refundFrom(),
                    cancelled.interventionId().value(), cancelled.reason(), cmd.actor()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What recording decided: covered or billable (and why), and the overrun warning if any. */
    public record RecordedIntervention(boolean covered, String billingReason, String overrunWarning) {
    }
}

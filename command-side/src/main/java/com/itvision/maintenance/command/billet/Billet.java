package com.itvision.maintenance.command.billet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.itvision.maintenance.command.support.Reasons;
import com.itvision.maintenance.command.support.Governance;
import com.itvision.maintenance.kernel.billet.BilletCommands.CompleteBillet;
import com.itvision.maintenance.kernel.billet.BilletCommands.RevokeBillet;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletCompleted;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletRevoked;
import com.itvision.maintenance.kernel.billet.BilletStatus;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import java.math.BigDecimal;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The written authorisation naming who may intervene on a ticket (seed 001 BilletIntervention).
 * Issued through its ticket, never edited: revoked (reason) or completed when a report is validated.
 * Only an ACTIVE billet authorises anything.
 */
@Aggregate
public class Billet {
    @AggregateIdentifier
    private BilletId billetId;
    private String number;
    private TicketId ticketId;
    private ClientId clientId;
    private UserId technicianId;
    private BigDecimal estimatedHours;
    private BilletStatus status;

    protected Billet() {
    }

    public Billet(BilletIssued issued) {
        apply(issued);
    }

    /**
     * Seed 001: "Aucun développeur ne peut intervenir sans billet validé". The billet's technician, or
     * a PROJECT_LEAD/ADMIN on their behalf, may record work while the billet is ACTIVE.
     */
    public BilletGrant authorise(Actor actor) {
        Governance.visibleTo(actor, clientId, ErrorCode.BILLET_NOT_FOUND, billetId);
        boolean allowed = actor.userId().equals(technicianId) || actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD);
        if (!allowed) {
            throw DomainException.forbidden("Only " + technicianId + ", named by " + number
                    + ", or a PROJECT_LEAD/ADMIN may record work under it");
        }
        if (status != BilletStatus.ACTIVE) {
            throw DomainException.rule(ErrorCode.NO_VALID_BILLET, "Billet " + number + " is " + status
                    + ": nobody intervenes without a valid billet");
        }
        return new BilletGrant(billetId, number, ticketId, clientId, technicianId, estimatedHours);
    }

    @CommandHandler
    void handle(RevokeBillet cmd, Clock clock) {
        Governance.visibleTo(cmd.actor(), clientId, ErrorCode.BILLET_NOT_FOUND, billetId);
        Governance.leadOrAdmin(cmd.actor(), "revoke a billet");
        String reason = Reasons.required(cmd.reason(), "revoke a billet");
        if (status != BilletStatus.ACTIVE) {
            throw DomainException.rule(ErrorCode.INVALID_STATUS_TRANSITION, "Billet " + number + " is already " + status);
        }
        apply(new BilletRevoked(billetId, ticketId, reason, cmd.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(CompleteBillet cmd, Clock clock) {
        if (status == BilletStatus.ACTIVE) {
            apply(new BilletCompleted(billetId, ticketId, cmd.interventionId(), cmd.actor(), clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(BilletIssued e) {
        billetId = e.billetId();
        number = e.number();
        ticketId = e.ticketId();
        clientId = e.clientId();
        technicianId = e.technicianId();
        estimatedHours = e.estimatedHours();
        status = BilletStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(BilletRevoked e) {
        status = BilletStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(BilletCompleted e) {
        status = BilletStatus.COMPLETED;
    }
}

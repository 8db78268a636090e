package com.itvision.maintenance.command.directory;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.common.Visibility;
import org.springframework.stereotype.Component;

/**
 * The read models' scope applied to an aggregate's own state ({@code GET .../{id}/state}): the shared
 * {@link Visibility} rule, fed by the command-side directory (a manager's team, a client's rep) and the
 * aggregate's facts (its client, its seller, its assignee). Not visible is 404, as on the read models.
 */
@Component
public class CallerVisibility {
    private final Directory directory;

    public CallerVisibility(Directory directory) {
        this.directory = directory;
    }

    /** The caller's scope; a MANAGER's team is looked up now. */
    public Visibility of(Actor actor) {
        return Visibility.of(actor, directory::teamOf);
    }

    /** 403 for callers who see no contracts at all (technicians), as the read models answer. */
    public void requireCommercialAccess(Visibility caller) {
        if (!caller.seesCommercialData()) {
            throw DomainException.forbidden("Your role does not see contracts");
        }
    }

    /** 404 for a contract outside the caller's scope (403 first for callers who see no contracts). */
    public void requireContract(Visibility caller, ClientId clientId, UserId contractSalesRep, Object contractId) {
        requireCommercialAccess(caller);
        if (!caller.seesContract(clientId, salesRepOf(caller, clientId), contractSalesRep)) {
            throw DomainException.notFound(ErrorCode.CONTRACT_NOT_FOUND, contractId);
        }
    }

    /** 404 for a ticket outside the caller's scope. */
    public void requireTicket(Visibility caller, ClientId clientId, UserId assignee, Object ticketId) {
        if (!caller.seesTicket(clientId, salesRepOf(caller, clientId), assignee)) {
            throw DomainException.notFound(ErrorCode.TICKET_NOT_FOUND, ticketId);
        }
    }

    /** The client's rep matters only to callers who see through reps; nobody else pays the lookup. */
    private UserId salesRepOf(Visibility visibility, ClientId clientId) {
        if (visibility.everything() || visibility.salesReps().isEmpty() || clientId == null) {
            return null;
        }
        return directory.client(clientId).map(Directory.ClientEntry::salesRepId).orElse(null);
    }
}

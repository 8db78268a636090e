package com.itvision.maintenance.query.portal;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.query.contract.ContractQueries;
import com.itvision.maintenance.query.contract.ContractSummary;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryErrors;
import com.itvision.maintenance.query.support.QueryScope;
import com.itvision.maintenance.query.support.ScopeResolver;
import com.itvision.maintenance.query.ticket.TicketQueries;
import com.itvision.maintenance.query.ticket.TicketSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The client portal's "Maintenance" tab (seed 000): the caller's contracts and tickets. */
@RestController
@RequestMapping("/api/v1/portal")
@Tag(name = "Client portal")
public class PortalController {
    private final ContractQueries contracts;
    private final TicketQueries tickets;
    private final ScopeResolver scopes;

    public PortalController(ContractQueries contracts, TicketQueries tickets, ScopeResolver scopes) {
        this.contracts = contracts;
        this.tickets = tickets;
        this.scopes = scopes;
    }

    /**
     * Seed 000 "Vue Avec Contrats" / "Vue Sans Contrat": without an active contract the portal shows
     * "Aucun contrat actif" and offers a maintenance quote request.
     */
    public record PortalContracts(boolean hasActiveContract, String message, String quoteRequest,
                                  List<ContractSummary> contracts) {
    }

    @GetMapping("/contracts")
    @Operation(summary = "My maintenance contracts", description = """
            Roles: any but TECHNICIAN (TECHNICIAN: 403 ROLE_NOT_ALLOWED, it sees no contracts); a CLIENT sees its
            client's contracts (proposals included, declined ones excluded), staff see their scope. Each contract has its period, days until expiration, nearExpiration (<= 60 days), quota
            included/used/remaining and usage rate, response time, support hours, services, equipment, the 3 most
            recent interventions and its alerts (EXPIRING, QUOTA_90, EXPIRED).""")
    @QueryErrors
    public PortalContracts contracts(@Parameter(hidden = true) Actor actor) {
        List<ContractSummary> mine = contracts.portal(scopes.of(actor).requireCommercialAccess());
        boolean active = mine.stream().anyMatch(ContractSummary::active);
        return new PortalContracts(active, active ? null : "Aucun contrat actif : protégez vos installations avec "
                + "un contrat de maintenance", active ? null : "POST /api/v1/portal/maintenance-quote-requests", mine);
    }

    @GetMapping("/tickets")
    @Operation(summary = "My tickets", description = """
            Role: any, within the caller's scope (a CLIENT: its client's tickets). Status, severity, coverage and
            why, SLA deadline and state, rating. page from 0, size <= 200;
            total is exact up to 1,000 matching tickets, beyond it is a lower bound and totalExact is false.""")
    @QueryErrors
    public Paging.Page<TicketSummary> tickets(@RequestParam(required = false) String status,
                                              @RequestParam(required = false) Integer page,
                                              @RequestParam(required = false) Integer size,
                                              @Parameter(hidden = true) Actor actor) {
        QueryScope scope = scopes.of(actor);
        return tickets.list(scope, new TicketQueries.Filter(status, null, null, null, null, null, null, null, null,
                null), null, Paging.of(page, size));
    }

    @GetMapping("/tickets/{id}")
    @Operation(summary = "One of my tickets with its interventions and validated report summary",
            description = "Role: any, within the caller's scope; others are 404 TICKET_NOT_FOUND. ETag = the "
                    + "ticket's version, to send as If-Match.")
    @QueryErrors
    public ResponseEntity<TicketSummary> ticket(@PathVariable String id, @Parameter(hidden = true) Actor actor) {
        TicketSummary ticket = tickets.get(scopes.of(actor), id);
        return ResponseEntity.ok().eTag("\"" + ticket.version() + "\"").body(ticket);
    }
}

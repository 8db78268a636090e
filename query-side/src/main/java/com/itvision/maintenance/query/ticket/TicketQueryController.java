package com.itvision.maintenance.query.ticket;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.sla.SlaState;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryErrors;
import com.itvision.maintenance.query.support.ScopeResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets")
public class TicketQueryController {
    private final TicketQueries tickets;
    private final ScopeResolver scopes;

    public TicketQueryController(TicketQueries tickets, ScopeResolver scopes) {
        this.tickets = tickets;
        this.scopes = scopes;
    }

    @GetMapping
    @Operation(summary = "List tickets (read model) with their SLA state computed now", description = """
            Roles: ADMIN, PROJECT_LEAD, ANALYST, AUDITOR all; CLIENT its client's; SALES/MANAGER their clients';
            TECHNICIAN those assigned to it. Filters: status, severity (comma-separated), projectId, clientId,
            contractId, technicianId, slaState (ON_TRACK, AT_RISK, BREACHED, MET, PAUSED), billable, openedFrom,
            openedTo (ISO instants). sort: openedAt|number|severity|status|slaDeadline (prefix - for descending).
            page from 0, size <= 200; total is exact up to 1,000 matching tickets, beyond it is a lower bound and
            totalExact is false.""")
    @QueryErrors
    public Paging.Page<TicketSummary> list(@RequestParam(required = false) String status,
                                           @RequestParam(required = false) String severity,
                                           @RequestParam(required = false) String projectId,
                                           @RequestParam(required = false) String clientId,
                                           @RequestParam(required = false) String contractId,
                                           @RequestParam(required = false) String technicianId,
                                           @RequestParam(required = false) SlaState slaState,
                                           @RequestParam(required = false) Boolean billable,
                                           @RequestParam(required = false) Instant openedFrom,
                                           @RequestParam(required = false) Instant openedTo,
                                           @RequestParam(required = false) String sort,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size,
                                           @Parameter(hidden = true) Actor actor) {
        return tickets.list(scopes.of(actor), new TicketQueries.Filter(status, severity, projectId, clientId,
                contractId, technicianId, slaState, billable, openedFrom, openedTo), sort, Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One ticket (read model) with its billets, interventions, validated report and SLA",
            description = "Roles: as the list; a ticket outside the caller's scope is 404 TICKET_NOT_FOUND. ETag = "
                    + "the ticket's version in the read model, to send as If-Match (X-Min-Position waits for a "
                    + "command's position).")
    @QueryErrors
    public ResponseEntity<TicketSummary> get(@PathVariable String id, @Parameter(hidden = true) Actor actor) {
        TicketSummary ticket = tickets.get(scopes.of(actor), id);
        return ResponseEntity.ok().eTag("\"" + ticket.version() + "\"").body(ticket);
    }
}

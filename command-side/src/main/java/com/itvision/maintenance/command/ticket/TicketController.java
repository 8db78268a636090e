package com.itvision.maintenance.command.ticket;

import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.AggregateRegistry.Kind;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.command.web.IfMatch;
import com.itvision.maintenance.kernel.billet.BilletEvent.BilletIssued;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.ticket.Origin;
import com.itvision.maintenance.kernel.ticket.TicketCommands;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets", description = "Incidents: coverage decided at opening, SLA clock, billets, resolution by report")
public class TicketController {
    private final CommandDispatcher commands;
    private final AggregateRegistry aggregates;

    public TicketController(CommandDispatcher commands, AggregateRegistry aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    @PostMapping
    @Operation(summary = "Open a ticket (MAINT-00001); coverage is decided now and kept", description = """
            Roles: any authenticated user; a CLIENT only on its own client's projects (else 404 PROJECT_NOT_FOUND).
            No contract → billable (NO_CONTRACT); contract not active → billable (CONTRACT_NOT_ACTIVE);
            active contract → covered, with its SLA. 404 PROJECT_NOT_FOUND, CONTRACT_NOT_FOUND;
            409 CONTRACT_NOT_OF_PROJECT, AMBIGUOUS_CONTRACT (several active contracts: name one).""")
    @ApiErrors
    public ResponseEntity<CommandResult> open(@Valid @RequestBody TicketRequests.Open body,
                                              @Parameter(hidden = true) Actor actor) {
        TicketId id = TicketId.random();
        Answer answer = Answer.created(id, "/api/v1/tickets");
        Origin origin = body.origin() != null ? body.origin() : actor.has(Role.CLIENT) ? Origin.CLIENT : Origin.INTERNAL;
        CommandReceipt receipt = commands.dispatch(new TicketCommands.OpenTicket(id, ProjectId.of(body.projectId()),
                body.contractId() == null ? null : ContractId.of(body.contractId()), body.title(), body.description(),
                body.severity(), origin, actor), answer);
        String number = receipt.event(TicketOpened.class).map(TicketOpened::number).orElse(null);
        return ResponseEntity.created(answer.locationUri())
                .body(commands.describe(receipt, id, number, List.of()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject (e.g. \"Hors garantie - Devis nécessaire\")",
            description = "Roles: ADMIN, PROJECT_LEAD. OPEN or IN_PROGRESS. 400 REASON_REQUIRED; 409 INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult reject(@PathVariable String id, @Valid @RequestBody TicketRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.RejectTicket(existing(id), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/approve-billing")
    @Operation(summary = "Approve billing of a billable ticket, making it treatable",
            description = "Roles: the client's CLIENT user, ADMIN. 409 BILLING_NOT_REQUIRED, INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult approveBilling(@PathVariable String id,
                                        @Valid @RequestBody(required = false) TicketRequests.ApproveBilling body,
                                        @Parameter(hidden = true) Actor actor,
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ApproveBilling(existing(id), body == null ? null : body.quoteReference(),
                actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/hold")
    @Operation(summary = "Put on hold awaiting the client (the SLA clock pauses)",
            description = "Roles: PROJECT_LEAD, ADMIN. 400 REASON_REQUIRED; 409 INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult hold(@PathVariable String id, @Valid @RequestBody TicketRequests.WithReason body,
                              @Parameter(hidden = true) Actor actor,
                              @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.PutTicketOnHold(existing(id), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a ticket on hold; the SLA deadline moves by the time on hold",
            description = "Roles: PROJECT_LEAD, ADMIN. 409 INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult resume(@PathVariable String id,
                                @Valid @RequestBody(required = false) TicketRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ResumeTicket(existing(id), body == null ? null : body.reason(), actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/reclassify")
    @Operation(summary = "Change the severity (reason required)", description = "Roles: PROJECT_LEAD, ADMIN.")
    @ApiErrors
    public CommandResult reclassify(@PathVariable String id, @Valid @RequestBody TicketRequests.Reclassify body,
                                    @Parameter(hidden = true) Actor actor,
                                    @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ReclassifySeverity(existing(id), body.severity(), body.reason(), actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "The client confirms the resolution", description = "Role: the client's CLIENT user. RESOLVED only.")
    @ApiErrors
    public CommandResult confirm(@PathVariable String id, @Valid @RequestBody(required = false) TicketRequests.Confirm body,
                                 @Parameter(hidden = true) Actor actor,
                                 @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ConfirmResolution(existing(id), body == null ? null : body.comment(), actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close a RESOLVED ticket", description = """
            Roles: PROJECT_LEAD, ADMIN. After the client's confirmation or after the silence period (default 5 days).
            409 REPORT_NOT_VALIDATED (never without a validated report), CLIENT_CONFIRMATION_PENDING.""")
    @ApiErrors
    public CommandResult close(@PathVariable String id, @Parameter(hidden = true) Actor actor,
                               @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.CloseTicket(existing(id), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/reopen")
    @Operation(summary = "Reopen a RESOLVED or CLOSED ticket (correction)", description = "Role: ADMIN. 400 REASON_REQUIRED.")
    @ApiErrors
    public CommandResult reopen(@PathVariable String id, @Valid @RequestBody TicketRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ReopenTicket(existing(id), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/rate")
    @Operation(summary = "Rate a CLOSED ticket 1-5", description = "Role: the client's CLIENT user. 400 INVALID_SCORE; 409 ALREADY_RATED.")
    @ApiErrors
    public CommandResult rate(@PathVariable String id, @Valid @RequestBody TicketRequests.Rate body,
                              @Parameter(hidden = true) Actor actor,
                              @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.RateTicket(existing(id), body.score(), body.comment(), actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/reassign")
    @Operation(summary = "Reassign an open ticket to another technician (correction)",
            description = "Role: ADMIN. 400 REASON_REQUIRED; 409 TECHNICIAN_NOT_ELIGIBLE.")
    @ApiErrors
    public CommandResult reassign(@PathVariable String id, @Valid @RequestBody TicketRequests.Reassign body,
                                  @Parameter(hidden = true) Actor actor,
                                  @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new TicketCommands.ReassignTicket(existing(id), UserId.of(body.technicianId()), body.reason(),
                actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/billets")
    @Operation(summary = "Issue a billet (BILLET-00001): the written authorisation to intervene", description = """
            Roles: PROJECT_LEAD, ADMIN. The technician must be a TECHNICIAN or PROJECT_LEAD user.
            409 TICKET_NOT_TREATABLE (rejected, billable without approval, resolved, closed), TECHNICIAN_NOT_ELIGIBLE.""")
    @ApiErrors
    public ResponseEntity<CommandResult> issueBillet(@PathVariable String id,
                                                     @Valid @RequestBody TicketRequests.IssueBillet body,
                                                     @Parameter(hidden = true) Actor actor,
                                                     @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        BilletId billetId = BilletId.random();
        Answer answer = Answer.created(billetId, "/api/v1/billets");
        CommandReceipt receipt = commands.dispatch(new TicketCommands.IssueBillet(existing(id), billetId,
                UserId.of(body.technicianId()), body.type(), body.estimatedHours(), body.instructions(), actor,
                IfMatch.version(ifMatch)), answer);
        String number = receipt.event(BilletIssued.class).map(BilletIssued::number).orElse(null);
        return ResponseEntity.created(answer.locationUri())
                .body(commands.describe(receipt, billetId, number, List.of()));
    }

    private CommandResult send(String id, Object command) {
        return commands.send(command, id, aggregates.require(id, Kind.TICKET, ErrorCode.TICKET_NOT_FOUND).number());
    }

    private TicketId existing(String id) {
        aggregates.require(id, Kind.TICKET, ErrorCode.TICKET_NOT_FOUND);
        return TicketId.of(id);
    }
}

package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.AggregateRegistry.Kind;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.command.web.IfMatch;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.ProjectId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.contract.ContractCommands;
import com.itvision.maintenance.kernel.contract.ContractEvent.ContractDrafted;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.InterventionQuota;
import com.itvision.maintenance.kernel.contract.Period;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contracts")
@Tag(name = "Contracts", description = "Warranty and maintenance contracts: proposal, activation, renewals, amendments")
public class ContractController {
    private final CommandDispatcher commands;
    private final AggregateRegistry aggregates;

    public ContractController(CommandDispatcher commands, AggregateRegistry aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    @PostMapping
    @Operation(summary = "Propose a contract (DRAFT)", description = """
            Roles: ADMIN, PROJECT_LEAD; SALES for the clients it follows. Others: 403 ROLE_NOT_ALLOWED.
            Refusals: 400 VALIDATION_FAILED, INVALID_PERIOD, INVALID_PRICE, INVALID_SLA, INVALID_QUOTA,
            INVALID_QUANTITY, TYPE_NOT_IN_KIND, PROJECT_REQUIRED_FOR_WARRANTY; 404 CLIENT_NOT_FOUND, PROJECT_NOT_FOUND;
            409 CONTRACT_OVERLAP, PROJECT_NOT_OF_CLIENT, SALES_REP_NOT_ELIGIBLE.""")
    @ApiErrors
    public ResponseEntity<CommandResult> create(@Valid @RequestBody ContractRequests.Create body,
                                                @Parameter(hidden = true) Actor actor) {
        ContractId id = ContractId.random();
        Answer answer = Answer.created(id, "/api/v1/contracts");
        ContractTerms terms = new ContractTerms(body.slaHours(), body.supportHours(), zone(body.timeZone()),
                body.coverage() == null ? Coverage.describedAs(null) : body.coverage(),
                body.interventionsIncluded() == null ? InterventionQuota.UNLIMITED
                        : InterventionQuota.of(body.interventionsIncluded()),
                body.services(), body.annualPrice(), body.paymentFrequency(), Boolean.TRUE.equals(body.tacitRenewal()));
        CommandReceipt receipt = commands.dispatch(new ContractCommands.DraftContract(id,
                ClientId.of(body.clientId()), body.projectId() == null ? null : ProjectId.of(body.projectId()),
                body.name(), body.kind(), body.type(), Period.of(body.startDate(), body.endDate()), terms,
                body.salesRepId() == null ? null : UserId.of(body.salesRepId()), actor), answer);
        String number = receipt.event(ContractDrafted.class).map(ContractDrafted::number).orElse(null);
        return ResponseEntity.created(answer.locationUri())
                .body(commands.describe(receipt, id, number, java.util.List.of()));
    }

    @PostMapping("/{id}/activate")
    @Operation(summary = "Activate a DRAFT contract", description = "Roles: ADMIN, PROJECT_LEAD. 409 INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult activate(@PathVariable String id, @Parameter(hidden = true) Actor actor,
                                  @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.ActivateContract(existing(id), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/accept")
    @Operation(summary = "Accept a DRAFT proposal (the client's user)", description = "Role: CLIENT of the contract's client.")
    @ApiErrors
    public CommandResult accept(@PathVariable String id, @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.AcceptContract(existing(id), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/decline")
    @Operation(summary = "Decline a DRAFT proposal", description = "Roles: CLIENT of the contract's client, ADMIN, PROJECT_LEAD.")
    @ApiErrors
    public CommandResult decline(@PathVariable String id, @Valid @RequestBody(required = false) ContractRequests.WithReason body,
                                 @Parameter(hidden = true) Actor actor,
                                 @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.DeclineContract(existing(id), body == null ? null : body.reason(), actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/suspend")
    @Operation(summary = "Suspend an ACTIVE contract", description = "Roles: ADMIN, PROJECT_LEAD. 400 REASON_REQUIRED.")
    @ApiErrors
    public CommandResult suspend(@PathVariable String id, @Valid @RequestBody ContractRequests.WithReason body,
                                 @Parameter(hidden = true) Actor actor,
                                 @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.SuspendContract(existing(id), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a SUSPENDED contract", description = "Roles: ADMIN, PROJECT_LEAD. 400 REASON_REQUIRED.")
    @ApiErrors
    public CommandResult resume(@PathVariable String id, @Valid @RequestBody ContractRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.ResumeContract(existing(id), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/terminate")
    @Operation(summary = "Terminate (résiliation) with a reason category and effective date",
            description = "Roles: ADMIN, PROJECT_LEAD. 409 TERMINATION_DATE_INVALID, INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult terminate(@PathVariable String id, @Valid @RequestBody ContractRequests.Terminate body,
                                   @Parameter(hidden = true) Actor actor,
                                   @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new ContractCommands.TerminateContract(existing(id), body.category(), body.reason(),
                body.effectiveDate(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/renew")
    @Operation(summary = "Renew for a new period, keeping the number", description = """
            Roles: ADMIN, PROJECT_LEAD. Quota usage restarts in the new period.
            409 RENEWAL_PERIOD_INVALID, CONTRACT_OVERLAP, CURRENCY_MISMATCH, INVALID_STATUS_TRANSITION.""")
    @ApiErrors
    public CommandResult renew(@PathVariable String id, @Valid @RequestBody ContractRequests.Renew body,
                               @Parameter(hidden = true) Actor actor,
                               @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        if ((body.startDate() == null) != (body.endDate() == null)) {
            throw DomainException.rule(ErrorCode.INVALID_PERIOD, "Give both startDate and endDate, or neither");
        }
        Period period = body.startDate() == null ? null : Period.of(body.startDate(), body.endDate());
        return send(id, new ContractCommands.RenewContract(existing(id), period, body.annualPrice(), body.reason(),
                actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/amend")
    @Operation(summary = "Amend the terms (avenant): revision + 1", description = """
            Roles: ADMIN, PROJECT_LEAD. 400 REASON_REQUIRED, NOTHING_TO_AMEND, INVALID_QUANTITY; 409 QUOTA_BELOW_USAGE,
            CURRENCY_MISMATCH, INVALID_STATUS_TRANSITION.""")
    @ApiErrors
    public CommandResult amend(@PathVariable String id, @Valid @RequestBody ContractRequests.Amend body,
                               @Parameter(hidden = true) Actor actor,
                               @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        InterventionQuota quota = Boolean.TRUE.equals(body.unlimitedInterventions()) ? InterventionQuota.UNLIMITED
                : body.interventionsIncluded() == null ? null : InterventionQuota.of(body.interventionsIncluded());
        return send(id, new ContractCommands.AmendContract(existing(id), body.slaHours(), body.supportHours(),
                body.coverage(), body.equipment(), quota, body.services(), body.annualPrice(),
                body.paymentFrequency(), body.tacitRenewal(), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    private CommandResult send(String id, Object command) {
        return commands.send(command, id, aggregates.require(id, Kind.CONTRACT, ErrorCode.CONTRACT_NOT_FOUND).number());
    }

    /** Unknown ids are 404 before any aggregate is loaded (an id of another aggregate type is unknown too). */
    private ContractId existing(String id) {
        aggregates.require(id, Kind.CONTRACT, ErrorCode.CONTRACT_NOT_FOUND);
        return ContractId.of(id);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "timeZone is not an IANA time zone: " + timeZone);
        }
    }
}

package com.itvision.maintenance.command.billet;

import com.itvision.maintenance.command.intervention.InterventionRequests;
import com.itvision.maintenance.command.intervention.InterventionWorkflow.RecordedIntervention;
import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.AggregateRegistry.Kind;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandDispatcher.Answer;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.command.web.IfMatch;
import com.itvision.maintenance.kernel.billet.BilletCommands;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.intervention.InterventionCommands.RecordIntervention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/billets")
@Tag(name = "Billets", description = "Written authorisations to intervene, and the interventions recorded under them")
public class BilletController {
    private final CommandDispatcher commands;
    private final AggregateRegistry aggregates;

    public BilletController(CommandDispatcher commands, AggregateRegistry aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke a billet (never edited: issue a new one)",
            description = "Roles: PROJECT_LEAD, ADMIN. 400 REASON_REQUIRED; 409 INVALID_STATUS_TRANSITION.")
    @ApiErrors
    public CommandResult revoke(@PathVariable String id, @Valid @RequestBody InterventionRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        String number = aggregates.require(id, Kind.BILLET, ErrorCode.BILLET_NOT_FOUND).number();
        return commands.send(new BilletCommands.RevokeBillet(BilletId.of(id), body.reason(), actor,
                IfMatch.version(ifMatch)), id, number);
    }

    @PostMapping("/{id}/interventions")
    @Operation(summary = "Record an intervention under a billet", description = """
            Roles: the billet's technician, or a PROJECT_LEAD/ADMIN on their behalf; anyone else 403.
            Seed 001: nobody intervenes without a valid billet (409 NO_VALID_BILLET: revoked, completed, or its
            ticket no longer treatable). On a covered ticket each intervention consumes one unit of the contract's
            quota; once it is exhausted the intervention is billable (QUOTA_EXHAUSTED). Hours above twice the
            estimate give an overrun warning. 400 INVALID_TIMES, INVALID_HOURS (hours spent more than the interval
            between startedAt and endedAt), INTERVENTION_OVERLAP (the technician was intervening elsewhere then;
            an interval may end when another starts).""")
    @ApiErrors
    public ResponseEntity<CommandResult> record(@PathVariable String id,
                                                @Valid @RequestBody InterventionRequests.Record body,
                                                @Parameter(hidden = true) Actor actor) {
        aggregates.require(id, Kind.BILLET, ErrorCode.BILLET_NOT_FOUND);
        InterventionId interventionId = InterventionId.random();
        Answer answer = Answer.created(interventionId, "/api/v1/interventions");
        CommandReceipt receipt = commands.dispatch(new RecordIntervention(BilletId.of(id), interventionId,
                body.description(), body.startedAt(), body.endedAt(), body.hoursSpent(), body.fixApplied(),
                body.filesChanged(), actor), answer);
        List<String> warnings = new ArrayList<>();
        if (receipt.result() instanceof RecordedIntervention recorded) {
            if (recorded.overrunWarning() != null) {
                warnings.add(recorded.overrunWarning());
            }
            if (!recorded.covered()) {
                warnings.add("BILLABLE: " + recorded.billingReason());
            }
        }
        return ResponseEntity.created(answer.locationUri())
                .body(commands.describe(receipt, interventionId, null, warnings));
    }
}

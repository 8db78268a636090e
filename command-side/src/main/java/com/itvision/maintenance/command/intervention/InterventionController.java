package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.AggregateRegistry.Kind;
import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.command.web.CommandDispatcher;
import com.itvision.maintenance.command.web.CommandResult;
import com.itvision.maintenance.command.web.IfMatch;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.intervention.InterventionCommands;
import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/interventions")
@Tag(name = "Interventions", description = "Corrections of recorded work and the mandatory technical report")
public class InterventionController {
    private final CommandDispatcher commands;
    private final AggregateRegistry aggregates;

    public InterventionController(CommandDispatcher commands, AggregateRegistry aggregates) {
        this.commands = commands;
        this.aggregates = aggregates;
    }

    @PostMapping("/{id}/correct")
    @Operation(summary = "Correct times and hours (correction)",
            description = "Role: ADMIN. 400 REASON_REQUIRED, INVALID_TIMES, INVALID_HOURS, INTERVENTION_OVERLAP; "
                    + "409 INTERVENTION_CANCELLED.")
    @ApiErrors
    public CommandResult correct(@PathVariable String id, @Valid @RequestBody InterventionRequests.Correct body,
                                 @Parameter(hidden = true) Actor actor,
                                 @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new InterventionCommands.CorrectIntervention(existing(id), body.startedAt(), body.endedAt(),
                body.hoursSpent(), body.reason(), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an intervention; its quota unit goes back to the contract (correction)",
            description = "Role: ADMIN. 400 REASON_REQUIRED; 409 INTERVENTION_CANCELLED, REPORT_ALREADY_VALIDATED.")
    @ApiErrors
    public CommandResult cancel(@PathVariable String id, @Valid @RequestBody InterventionRequests.WithReason body,
                                @Parameter(hidden = true) Actor actor,
                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new InterventionCommands.CancelIntervention(existing(id), body.reason(), actor,
                IfMatch.version(ifMatch)));
    }

    @PutMapping("/{id}/report")
    @Operation(summary = "Write or revise the technical report (the whole document) until it is validated",
            description = """
                    Roles: the technician who intervened, PROJECT_LEAD, ADMIN. initialProblem, rootCause, solution and
                    systemImpact are required. 409 REPORT_ALREADY_VALIDATED, INTERVENTION_CANCELLED.""")
    @ApiErrors
    public CommandResult writeReport(@PathVariable String id, @Valid @RequestBody InterventionRequests.Report body,
                                     @Parameter(hidden = true) Actor actor,
                                     @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        TechnicalReport report = new TechnicalReport(body.initialProblem(), body.rootCause(), body.solution(),
                body.systemImpact(), body.futureRisks(), body.recommendations());
        return send(id, new InterventionCommands.WriteTechnicalReport(existing(id), report, actor,
                IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/report/validate")
    @Operation(summary = "Validate the report: resolves the ticket and completes the billet", description = """
            Roles: PROJECT_LEAD, ADMIN who wrote no version of it (409 FOUR_EYES_REQUIRED).
            409 REPORT_MISSING, REPORT_ALREADY_VALIDATED, REPORT_REVISION_REQUIRED.""")
    @ApiErrors
    public CommandResult validateReport(@PathVariable String id, @Parameter(hidden = true) Actor actor,
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new InterventionCommands.ValidateTechnicalReport(existing(id), actor, IfMatch.version(ifMatch)));
    }

    @PostMapping("/{id}/report/reject")
    @Operation(summary = "Send the report back for revision",
            description = "Roles: PROJECT_LEAD, ADMIN. 400 REASON_REQUIRED; 409 REPORT_MISSING, REPORT_ALREADY_VALIDATED.")
    @ApiErrors
    public CommandResult rejectReport(@PathVariable String id, @Valid @RequestBody InterventionRequests.WithReason body,
                                      @Parameter(hidden = true) Actor actor,
                                      @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return send(id, new InterventionCommands.RejectTechnicalReport(existing(id), body.reason(), actor,
                IfMatch.version(ifMatch)));
    }

    private CommandResult send(String id, Object command) {
        return commands.send(command, id, null);
    }

    private InterventionId existing(String id) {
        aggregates.require(id, Kind.INTERVENTION, ErrorCode.INTERVENTION_NOT_FOUND);
        return InterventionId.of(id);
    }
}

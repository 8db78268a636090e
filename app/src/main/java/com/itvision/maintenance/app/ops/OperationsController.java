package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-model operations: processor progress, reconciliation, rebuilds, dead letters. ADMIN and ANALYST only. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
public class OperationsController {
    static final int MAX_LIMIT = 1000;

    private final ProjectionOperations projections;
    private final DeadLetterOperations deadLetters;
    private final ReadModelReconciliation reconciliation;

    public OperationsController(ProjectionOperations projections, DeadLetterOperations deadLetters,
                                ReadModelReconciliation reconciliation) {
        this.projections = projections;
        this.deadLetters = deadLetters;
        this.reconciliation = reconciliation;
    }

    @GetMapping("/projections")
    @Operation(summary = "Every event processor: segments' positions, caught up, replaying, errors, dead letters",
            description = """
                    Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). headPosition is the event store's last
                    global position; a read model is current when all its segments reached it. lastReconciliation
                    is the last result of the reconciliation check (absent before the first run), see
                    GET /api/v1/admin/projections/reconciliation.""")
    @OperationsErrors
    public ProjectionOperations.Overview projections(@Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return projections.overview();
    }

    @GetMapping("/projections/reconciliation")
    @Operation(summary = "Check that every read model applied every event at or below its processors' position",
            description = """
                    Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Runs the check now (it also runs on a
                    schedule). Per group: checkedPosition (lowest over its segments), aggregatesChecked,
                    mismatchCount and the first 100 mismatches (table, aggregateId, expectedVersion, foundVersion
                    or missing, expectedApplied and foundApplied: the events the row must have applied up to
                    its version and those it counts), deadLettered (aggregates behind because of dead letters, not counted as
                    mismatches). A mismatch means the processors skipped an event (ADR 0002): rebuild the group
                    with POST /api/v1/admin/projections/{group}/replay.""")
    @OperationsErrors
    public ReadModelReconciliation.Report reconciliation(@Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return reconciliation.check();
    }

    @PostMapping("/projections/{group}/replay")
    @Operation(summary = "Rebuild a read model from the first event (202; runs in the background)", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Stops the group's processor, resets its tokens
            (its tables are truncated and its dead letters cleared, in one transaction) and starts it again;
            follow GET /api/v1/admin/projections until it is caught up and no longer replaying. Until then the
            read model is incomplete and X-Min-Position waits. 404 NOT_FOUND for an unknown group (groups:
            directory-projection, contract-projection, ticket-projection, billet-projection,
            intervention-projection); 409 CONCURRENT_MODIFICATION while another node holds one of its segments
            (stop the group's processor there first; nothing is reset).""")
    @OperationsErrors
    public ResponseEntity<ProjectionOperations.ProcessorStatus> replay(@PathVariable String group,
                                                                       @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return ResponseEntity.accepted().body(projections.replay(group));
    }

    @GetMapping("/dead-letters")
    @Operation(summary = "Events a read model could not apply, per processing group and aggregate", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Optional group (else all read models); limit
            1..1000 (default 200) letters, total counts them all. Each letter: group, sequence identifier (the
            aggregate), event type and id, aggregate id and sequence number, cause type and message, enqueued
            and last touched. 404 NOT_FOUND for an unknown group, 400 VALIDATION_FAILED for a bad limit.""")
    @OperationsErrors
    public DeadLetterOperations.Listing deadLetters(@RequestParam(required = false) String group,
                                                    @RequestParam(required = false) Integer limit,
                                                    @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        int max = limit == null ? 200 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.list(group, max);
    }

    @PostMapping("/dead-letters/{group}/retry")
    @Operation(summary = "Process a group's dead letters again, once the cause is fixed", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Each sequence (aggregate) is retried once, in
            order; it stops at its first letter that fails again, which keeps its place with the new cause.
            Answers how many letters succeeded and how many remain. 404 NOT_FOUND for an unknown group.""")
    @OperationsErrors
    public DeadLetterOperations.RetryResult retry(@PathVariable String group, @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return deadLetters.retry(group);
    }

    private static void requireOperator(Actor actor) {
        if (!actor.hasAny(Role.ADMIN, Role.ANALYST)) {
            throw DomainException.forbidden("Read-model operations are for ADMIN and ANALYST");
        }
    }
}

package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-model operations: progress, reconciliation, blue/green rebuilds, checksums, dead letters. ADMIN and ANALYST only. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
public class OperationsController {
    static final int MAX_LIMIT = 1000;

    private final ProjectionOperations projections;
    private final DeadLetterOperations deadLetters;
    private final ReadModelReconciliation reconciliation;
    private final ProjectionRebuilds rebuilds;
    private final ReadModelChecksum checksums;

    public OperationsController(ProjectionOperations projections, DeadLetterOperations deadLetters,
                                ReadModelReconciliation reconciliation, ProjectionRebuilds rebuilds,
                                ReadModelChecksum checksums) {
        this.projections = projections;
        this.deadLetters = deadLetters;
        this.reconciliation = reconciliation;
        this.rebuilds = rebuilds;
        this.checksums = checksums;
    }

    @GetMapping("/projections")
    @Operation(summary = "Every read model and event processor: status, segments, position, lag, rebuild, dead letters",
            description = """
                    Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). headPosition is the event store's last
                    global position; a read model is current when all its segments reached it. readModels: per
                    read model its status (live, rebuilding, stopped, error), segments, position (lowest segment),
                    head, lag in events, dead letters, last error and its latest rebuild (progress percent and
                    events done/total, events/s, ETA). processors: every event processor. lastReconciliation
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
                    with POST /api/v1/admin/projections/{group}/rebuild.""")
    @OperationsErrors
    public ReadModelReconciliation.Report reconciliation(@Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return reconciliation.check();
    }

    @PostMapping("/projections/{group}/rebuild")
    @Operation(summary = "Rebuild a read model blue/green (202; the live model keeps answering)", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Creates copies of the read model's tables
            (<table>__rebuild) and runs the processor <name>#rebuild over every event into them, with the same
            projection code, on whichever nodes claim its segments; the live model keeps serving complete data
            and applying new events. Once the rebuild has passed the position it was asked at and caught up with
            the store's head, it replaces the live tables in one transaction and the old ones are dropped (ADR
            0015). Side effects never fire during a rebuild. Answers the rebuild (Location: its URL); follow it
            with GET .../rebuild or GET /api/v1/admin/projections. 404 NOT_FOUND for an unknown read model
            (directory-projection, contract-projection, ticket-projection, billet-projection,
            intervention-projection); 409 REBUILD_IN_PROGRESS while one runs.""")
    @OperationsErrors
    public ResponseEntity<ProjectionRebuilds.Rebuild> rebuild(@PathVariable("group") String name,
                                                              @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        ProjectionRebuilds.Rebuild rebuild = rebuilds.request(name, actor);
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/projections/" + name + "/rebuild"))
                .body(rebuild);
    }

    @GetMapping("/projections/{group}/rebuild")
    @Operation(summary = "The latest rebuild of a read model: status, progress, events/s, ETA", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). status REQUESTED, BUILDING, SWAPPING, DONE,
            CANCELLED or FAILED; eventsDone of eventsTotal (the store's head when it was asked), progressPercent,
            eventsPerSecond and etaSeconds (averages since it started), error (its last one). 404 NOT_FOUND for an
            unknown read model or one never rebuilt.""")
    @OperationsErrors
    public ProjectionRebuilds.Rebuild rebuildStatus(@PathVariable("group") String name, @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return rebuilds.find(name).orElseThrow(() -> DomainException.rule(ErrorCode.NOT_FOUND,
                "Read model " + name + " was never rebuilt"));
    }

    @DeleteMapping("/projections/{group}/rebuild")
    @Operation(summary = "Cancel the rebuild in progress; the live model is untouched", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Stops the rebuild processor on every node,
            drops the __rebuild tables, its tokens and its dead letters. Answers the cancelled rebuild. 404
            NOT_FOUND when none is in progress; 409 REBUILD_IN_PROGRESS once it is being swapped in.""")
    @OperationsErrors
    public ProjectionRebuilds.Rebuild cancelRebuild(@PathVariable("group") String name, @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return rebuilds.cancel(name, actor);
    }

    @GetMapping("/projections/{group}/checksum")
    @Operation(summary = "An order-independent digest of a read model's content", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). source=live (default) or rebuild (the copies a
            rebuild in progress is writing). Per table the row count and the sum of the MD5 (60 bits) of every
            row's business columns (the read tables hold no surrogate id and no time of projection); digest over
            all tables. Two models built from the same events have the same digest. 404 NOT_FOUND for an
            unknown read model, or source=rebuild without a rebuild; 400 VALIDATION_FAILED for another source.""")
    @OperationsErrors
    public ReadModelChecksum.Checksum checksum(@PathVariable("group") String name,
                                               @RequestParam(required = false) String source,
                                               @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return checksums.of(name, source);
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

    /** {@code sequenceIdentifier}: only that sequence (aggregate); absent: every letter of the group. */
    public record Discard(@NotBlank @Size(max = 2000) String reason, @Size(max = 255) String sequenceIdentifier) {
    }

    @PostMapping("/dead-letters/{group}/discard")
    @Operation(summary = "Discard a group's dead letters, with a reason (audited)", description = """
            Roles: ADMIN, ANALYST (others 403 ROLE_NOT_ALLOWED). Body: reason (required, up to 2000 characters),
            sequenceIdentifier (optional: one aggregate's letters only). Each discarded letter is recorded in
            dead_letter_discard (who, roles, when, why, correlation id, and the letter: event id and type,
            aggregate, sequence number, cause) and removed from the queue, in one transaction; the event stays in
            the store. Answers discarded and remaining. 404 NOT_FOUND for an unknown group, 400 REASON_REQUIRED
            without a reason.""")
    @OperationsErrors
    public DeadLetterOperations.DiscardResult discard(@PathVariable String group, @Valid @RequestBody Discard body,
                                                      @Parameter(hidden = true) Actor actor) {
        requireOperator(actor);
        return deadLetters.discard(group, body.sequenceIdentifier(), body.reason(), actor, MDC.get("correlationId"));
    }

    private static void requireOperator(Actor actor) {
        if (!actor.hasAny(Role.ADMIN, Role.ANALYST)) {
            throw DomainException.forbidden("Read-model operations are for ADMIN and ANALYST");
        }
    }
}

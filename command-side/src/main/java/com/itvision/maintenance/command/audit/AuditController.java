package com.itvision.maintenance.command.audit;

import com.itvision.maintenance.command.web.ApiErrors;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditors' reads (issue 8, ADR 0016): history, state at a point, diff and log, all from the event
 * store, never from a read model. ADMIN and AUDITOR only.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The attributed history of the event store: who, when, why; past states and diffs")
class AuditController {
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final String ROLES = "Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). ";
    private static final String PAGING = " Paged by global position: after (a position, default 0) and limit "
            + "(1..1000, default 100); next is the after of the next page, absent on the last. 400 INVALID_CURSOR.";
    private static final String POINT = " A point is an ISO-8601 instant (an event is included if its occurredAt is "
            + "not later) or a global position (digits; included if not greater). 400 INVALID_AUDIT_POINT.";
    private static final Set<String> AGGREGATE_TYPES = Set.of("Contract", "Ticket", "Billet", "Intervention",
            "UserAccount", "Client", "Project");

    /** How far past now a point may lie (clock skew between nodes); beyond, the future has no history. */
    private static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofDays(1);

    private final AuditReads reads;
    private final java.time.Clock clock;

    AuditController(AuditReads reads, java.time.Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/tickets/{id}/history")
    @Operation(summary = "A ticket's complete history: its events and its billets', interventions' (reports, "
            + "corrections) and contract quota decisions', in global position order", description = ROLES
            + "Each entry: aggregate type and id, sequence, position, event type and revision, occurredAt, actor id "
            + "and role, reason, correlation and causation ids, the payload as stored and a one-line summary. "
            + "404 TICKET_NOT_FOUND." + PAGING)
    @ApiErrors
    public AuditPage ticketHistory(@PathVariable String id, @RequestParam(required = false) String after,
                                         @RequestParam(required = false) String limit,
                                         @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        return reads.ticketHistory(id, after(after), limit(limit));
    }

    @GetMapping("/contracts/{id}/history")
    @Operation(summary = "A contract's complete history: drafting, activation, periods, amendments, renewals, "
            + "quota consumptions, refusals and refunds", description = ROLES + "Entries as the ticket history. "
            + "404 CONTRACT_NOT_FOUND." + PAGING)
    @ApiErrors
    public AuditPage contractHistory(@PathVariable String id, @RequestParam(required = false) String after,
                                           @RequestParam(required = false) String limit,
                                           @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        return reads.contractHistory(id, after(after), limit(limit));
    }

    @GetMapping("/tickets/{id}/state")
    @Operation(summary = "A ticket and its chain as they were at a point, folded from the event store by the "
            + "aggregates' own handlers", description = ROLES + "Status, coverage and why, SLA state computed at "
            + "that instant, billets, interventions with their report and validation, quota decisions. A point "
            + "more than a day in the future is refused. Without "
            + "at: the current state (SLA now); ETag = the ticket's version, for If-Match. 404 TICKET_NOT_FOUND "
            + "(also before the ticket existed)." + POINT)
    @ApiErrors
    public ResponseEntity<AuditReads.TicketState> ticketState(@PathVariable String id,
                                                              @RequestParam(required = false) String at,
                                                              @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        AuditReads.TicketState state = reads.ticketState(id, point("at", at));
        return ResponseEntity.ok().eTag("\"" + state.ticket().version() + "\"").body(state);
    }

    @GetMapping("/contracts/{id}/state")
    @Operation(summary = "A contract as it was at a point (periods, quota usage, terms, status), folded from the "
            + "event store", description = ROLES + "Without at: the current state; ETag = the contract's "
            + "version. 404 CONTRACT_NOT_FOUND (also before the contract existed)." + POINT)
    @ApiErrors
    public ResponseEntity<AuditReads.ContractState> contractState(@PathVariable String id,
                                                                  @RequestParam(required = false) String at,
                                                                  @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        AuditReads.ContractState state = reads.contractState(id, point("at", at));
        return ResponseEntity.ok().eTag("\"" + state.contract().version() + "\"").body(state);
    }

    @GetMapping("/tickets/{id}/diff")
    @Operation(summary = "What changed in a ticket's chain between two points, field by field, with who, why and "
            + "when", description = ROLES + "from and to are ISO-8601 instants (an event is included if its "
            + "occurredAt is not later), fromPosition and toPosition global positions; give at most one of each "
            + "pair. Default: from before the first event, to now. Each change: the field (ticket.status, "
            + "billets.<id>.status, interventions.<id>.reportVersion...), before, after, and the event that changed "
            + "it (position, type, occurredAt, actor id and role, reason). The SLA, computed at an instant, is not "
            + "a stored field and is left out. 404 TICKET_NOT_FOUND; 400 INVALID_AUDIT_POINT.")
    @ApiErrors
    public AuditReads.TicketDiff ticketDiff(@PathVariable String id, @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String fromPosition,
                                            @RequestParam(required = false) String toPosition,
                                            @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        return reads.ticketDiff(id, future("from", AuditPoint.either("from", from, fromPosition)),
                future("to", AuditPoint.either("to", to, toPosition)));
    }

    @GetMapping(value = "/log")
    @Operation(summary = "Every stored event, filtered; JSON, or CSV with Accept: text/csv or format=csv",
            description = ROLES + "Filters (all optional, combined): actorId (a user id), role, aggregateType (Contract, "
                    + "Ticket, Billet, Intervention, UserAccount, Client, Project), aggregateId, eventType (e.g. "
                    + "BilletIssued), correlationId, from and to (ISO-8601 instants on occurredAt, from included, to "
                    + "excluded). CSV: RFC 4180, UTF-8, CRLF, the page's rows, a cell starting with = + - @ gets a "
                    + "leading '; the next page's after is in the X-Audit-Next header. 400 VALIDATION_FAILED for an "
                    + "unknown role, aggregate type or format, INVALID_AUDIT_POINT for a bad instant." + PAGING,
            responses = @ApiResponse(responseCode = "200", description = "The page", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = AuditPage.class)),
                    @Content(mediaType = "text/csv")}))
    @ApiErrors
    public ResponseEntity<?> log(@RequestParam(required = false) String actorId,
                                 @RequestParam(required = false) String role,
                                 @RequestParam(required = false) String aggregateType,
                                 @RequestParam(required = false) String aggregateId,
                                 @RequestParam(required = false) String eventType,
                                 @RequestParam(required = false) String correlationId,
                                 @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String after,
                                 @RequestParam(required = false) String limit,
                                 @RequestParam(required = false) String format,
                                 @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                 @Parameter(hidden = true) Actor caller) {
        requireAuditor(caller);
        if (role != null && java.util.Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(role))) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "role must be one of the roles, e.g. TECHNICIAN");
        }
        if (aggregateType != null && !AGGREGATE_TYPES.contains(aggregateType)) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "aggregateType must be one of " + AGGREGATE_TYPES);
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "format must be csv or json");
        }
        AuditEventStore.LogFilter filter = new AuditEventStore.LogFilter(actorId, role, aggregateType, aggregateId,
                eventType, correlationId, instant("from", from), instant("to", to));
        AuditPage page = reads.log(filter, after(after), limit(limit));
        boolean csv = "csv".equals(format) || (format == null && wantsCsv(accept));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log.csv\"");
        if (page.next() != null) {
            answer.header("X-Audit-Next", String.valueOf(page.next()));
        }
        return answer.body(AuditCsv.write(page.entries()));
    }

    /** CSV when the caller prefers text/csv to JSON (or accepts only CSV). */
    private static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            var types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType type : types) {
                if (type.getQualityValue() == 0) {
                    continue;
                }
                if (type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType()) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                    return false;
                }
            }
        } catch (org.springframework.util.InvalidMimeTypeException | org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        return false;
    }

    /**
     * A point of a state or a diff: never more than a day in the future, where the SLA would be computed for
     * a time nothing has happened in (and, in business hours, day by day up to it).
     */
    private AuditPoint point(String name, String value) {
        return future(name, AuditPoint.parse(name, value));
    }

    private AuditPoint future(String name, AuditPoint point) {
        if (point != null && point.instant() != null && point.instant().isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw DomainException.rule(ErrorCode.INVALID_AUDIT_POINT, name + " is in the future: " + point.instant());
        }
        return point;
    }

    private static Instant instant(String name, String value) {
        AuditPoint point = AuditPoint.instant(name, value);
        return point == null ? null : point.instant();
    }

    private static long after(String after) {
        if (after == null) {
            return 0;
        }
        if (after.isEmpty() || after.length() > 18 || !after.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DomainException.rule(ErrorCode.INVALID_CURSOR, "after must be a global position (digits)");
        }
        return Long.parseLong(after);
    }

    private static int limit(String limit) {
        if (limit == null) {
            return AuditReads.DEFAULT_LIMIT;
        }
        if (limit.isEmpty() || limit.length() > 4 || !limit.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > AuditReads.MAX_LIMIT) {
            throw DomainException.rule(ErrorCode.INVALID_CURSOR, "limit must be between 1 and " + AuditReads.MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static void requireAuditor(Actor actor) {
        if (!actor.hasAny(Role.ADMIN, Role.AUDITOR)) {
            throw DomainException.forbidden("Only ADMIN and AUDITOR read the audit trail");
        }
    }
}

package com.itvision.maintenance.query.ticket;

import static com.itvision.maintenance.projections.jooq.Tables.READ_BILLET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET_HOLD;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.intervention.TechnicalReport;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaState;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import com.itvision.maintenance.projections.jooq.tables.records.ReadTicketRecord;
import com.itvision.maintenance.projections.support.Json;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Ticket queries over {@code read_ticket}, within the caller's scope. The SLA state of each ticket is
 * computed now, from the stored facts, with the same {@link SlaClock} as the command side.
 */
@Component
public class TicketQueries {
    private final DSLContext dsl;
    private final Clock clock;

    public TicketQueries(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public record Filter(String status, String severity, String projectId, String clientId, String contractId,
                         String technicianId, SlaState slaState, Boolean billable, Instant openedFrom,
                         Instant openedTo) {
    }

    public Paging.Page<TicketSummary> list(QueryScope scope, Filter filter, String sort, Paging paging) {
        Instant now = clock.instant();
        Condition where = scope.tickets().and(conditions(filter, now));
        if (filter.slaState() == SlaState.ON_TRACK || filter.slaState() == SlaState.AT_RISK) {
            // the 75 % threshold is business time: narrowed in SQL, decided by the SlaClock
            List<TicketSummary> all = summaries(dsl.selectFrom(READ_TICKET).where(where)
                    .orderBy(order(sort)).fetch(), now).stream()
                    .filter(t -> t.sla() != null && t.sla().state() == filter.slaState()).toList();
            return paging.page(all.stream().skip(paging.offset()).limit(paging.size()).toList(), all.size());
        }
        List<TicketSummary> items = summaries(dsl.selectFrom(READ_TICKET).where(where).orderBy(order(sort))
                .limit(paging.fetchSize()).offset(paging.offset()).fetch(), now);
        return paging.page(items, () -> dsl.fetchCount(dsl.selectOne().from(READ_TICKET).where(where)
                .limit(Paging.MAX_COUNTED + 1)));
    }

    public TicketSummary get(QueryScope scope, String id) {
        ReadTicketRecord ticket = dsl.selectFrom(READ_TICKET).where(READ_TICKET.TICKET_ID.eq(id)).and(scope.tickets())
                .fetchOptional()
                .orElseThrow(() -> DomainException.notFound(ErrorCode.TICKET_NOT_FOUND, id));
        TicketSummary summary = summaries(List.of(ticket), clock.instant()).getFirst();
        List<TicketSummary.Billet> billets = dsl.selectFrom(READ_BILLET).where(READ_BILLET.TICKET_ID.eq(id))
                .orderBy(READ_BILLET.ISSUED_AT)
                .fetch(b -> new TicketSummary.Billet(b.getBilletId(), b.getNumber(), b.getTechnicianId(), b.getType(),
                        b.getEstimatedHours(), b.getStatus(), b.getIssuedBy(), b.getIssuedAt().toInstant()));
        var interventions = dsl.selectFrom(READ_INTERVENTION).where(READ_INTERVENTION.TICKET_ID.eq(id))
                .orderBy(READ_INTERVENTION.STARTED_AT).fetch();
        TicketSummary.Report report = interventions.stream()
                .filter(i -> "VALIDATED".equals(i.getReportStatus()))
                .map(i -> new TicketSummary.Report(i.getInterventionId(), Json.read(i.getReport(), TechnicalReport.class),
                        i.getValidatedBy(), instant(i.getValidatedAt())))
                .reduce((first, second) -> second).orElse(null);
        return summary.withDetails(billets, interventions.map(i -> new TicketSummary.Intervention(
                i.getInterventionId(), i.getBilletId(), i.getTechnicianId(), i.getStartedAt().toInstant(),
                i.getEndedAt().toInstant(), i.getHoursSpent(), i.getCovered(), i.getBillingReason(), i.getOverrun(),
                i.getCancelled(), i.getReportStatus(), i.getReportVersion())), report);
    }

    /** Maps rows to summaries, loading the holds of all of them in one query. */
    List<TicketSummary> summaries(List<ReadTicketRecord> tickets, Instant now) {
        Map<String, List<Hold>> holds = holds(tickets.stream().map(ReadTicketRecord::getTicketId).toList());
        return tickets.stream().map(t -> summary(t, holds.getOrDefault(t.getTicketId(), List.of()), now)).toList();
    }

    public Map<String, List<Hold>> holds(Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(READ_TICKET_HOLD).where(READ_TICKET_HOLD.TICKET_ID.in(ticketIds))
                .orderBy(READ_TICKET_HOLD.TICKET_ID, READ_TICKET_HOLD.OPENED_SEQ)
                .fetch().stream()
                .collect(Collectors.groupingBy(h -> h.getTicketId(),
                        Collectors.mapping(h -> new Hold(h.getStartAt().toInstant(), instant(h.getEndAt())),
                                Collectors.toList())));
    }

    /** The SLA state of a covered ticket now (null for a billable ticket: no contract, no SLA). */
    public static SlaStatus sla(ReadTicketRecord t, List<Hold> holds, Instant now) {
        if (!t.getCovered() || t.getSlaHours() == null) {
            return null;
        }
        return SlaClock.of(SupportHours.valueOf(t.getSupportHours()), ZoneId.of(t.getTimeZone()))
                .status(t.getOpenedAt().toInstant(), Duration.ofHours(t.getSlaHours()), holds,
                        instant(t.getRespondedAt()), now);
    }

    private static TicketSummary summary(ReadTicketRecord t, List<Hold> holds, Instant now) {
        return new TicketSummary(t.getTicketId(), t.getNumber(), t.getVersion(), t.getClientId(), t.getProjectId(), t.getContractId(),
                t.getTitle(), t.getSeverity(), t.getOrigin(), t.getStatus(), t.getCovered(), !t.getCovered(),
                t.getCoverageReasonCode(), t.getCoverageReason(), t.getBillingApproved(), t.getOpenedAt().toInstant(),
                t.getAssigneeId(), t.getOnHold(), instant(t.getRespondedAt()), instant(t.getResolvedAt()),
                instant(t.getClosedAt()), t.getRejectionReason(), t.getRating() == null ? null : t.getRating().intValue(),
                t.getRatingComment(), sla(t, holds, now), null, null, null);
    }

    private static Condition conditions(Filter f, Instant now) {
        Condition c = DSL.trueCondition();
        if (f.status() != null) {
            c = c.and(READ_TICKET.STATUS.in(Arrays.asList(f.status().split(","))));
        }
        if (f.severity() != null) {
            c = c.and(READ_TICKET.SEVERITY.in(Arrays.asList(f.severity().split(","))));
        }
        if (f.projectId() != null) {
            c = c.and(READ_TICKET.PROJECT_ID.eq(f.projectId()));
        }
        if (f.clientId() != null) {
            c = c.and(READ_TICKET.CLIENT_ID.eq(f.clientId()));
        }
        if (f.contractId() != null) {
            c = c.and(READ_TICKET.CONTRACT_ID.eq(f.contractId()));
        }
        if (f.technicianId() != null) {
            c = c.and(READ_TICKET.ASSIGNEE_ID.eq(f.technicianId()));
        }
        if (f.billable() != null) {
            c = c.and(READ_TICKET.COVERED.eq(!f.billable()));
        }
        if (f.openedFrom() != null) {
            c = c.and(READ_TICKET.OPENED_AT.ge(f.openedFrom().atOffset(java.time.ZoneOffset.UTC)));
        }
        if (f.openedTo() != null) {
            c = c.and(READ_TICKET.OPENED_AT.lt(f.openedTo().atOffset(java.time.ZoneOffset.UTC)));
        }
        if (f.slaState() != null) {
            c = c.and(READ_TICKET.COVERED.isTrue()).and(slaCondition(f.slaState(), now));
        }
        return c;
    }

    /** SQL pre-filter of an SLA state; ON_TRACK/AT_RISK are then decided by the SlaClock. */
    private static Condition slaCondition(SlaState state, Instant now) {
        OffsetDateTime at = now.atOffset(java.time.ZoneOffset.UTC);
        Condition waiting = READ_TICKET.RESPONDED_AT.isNull().and(READ_TICKET.STATUS.in("OPEN", "IN_PROGRESS"));
        return switch (state) {
            case MET -> READ_TICKET.SLA_MET.isTrue();
            case BREACHED -> READ_TICKET.SLA_MET.isFalse()
                    .or(waiting.and(READ_TICKET.ON_HOLD.isFalse()).and(READ_TICKET.SLA_DEADLINE.le(at)));
            case PAUSED -> waiting.and(READ_TICKET.ON_HOLD.isTrue());
            case ON_TRACK, AT_RISK -> waiting.and(READ_TICKET.ON_HOLD.isFalse()).and(READ_TICKET.SLA_DEADLINE.gt(at));
        };
    }

    private static final Map<String, org.jooq.Field<?>> SORTABLE = Map.of(
            "openedAt", READ_TICKET.OPENED_AT, "number", READ_TICKET.NUMBER, "severity", READ_TICKET.SEVERITY,
            "status", READ_TICKET.STATUS, "slaDeadline", READ_TICKET.SLA_DEADLINE);

    private static List<SortField<?>> order(String sort) {
        if (sort == null || sort.isBlank()) {
            return List.of(READ_TICKET.OPENED_AT.desc(), READ_TICKET.NUMBER.desc());
        }
        boolean desc = sort.startsWith("-");
        org.jooq.Field<?> field = SORTABLE.get(desc ? sort.substring(1) : sort);
        if (field == null) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "sort must be one of " + SORTABLE.keySet()
                    .stream().sorted().collect(Collectors.joining(", ")) + " (prefix - for descending)");
        }
        return List.of(desc ? field.desc() : field.asc(), READ_TICKET.NUMBER.desc());
    }

    static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}

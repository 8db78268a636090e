package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.jooq.Tables.READ_PROJECT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.percentileCont;
import static org.jooq.impl.DSL.sum;

import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import com.itvision.maintenance.projections.jooq.tables.records.ReadTicketRecord;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ContractIndicators;
import com.itvision.maintenance.query.dashboard.SlaDashboard.CoveredBillable;
import com.itvision.maintenance.query.dashboard.SlaDashboard.Durations;
import com.itvision.maintenance.query.dashboard.SlaDashboard.Interventions;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ProjectIndicators;
import com.itvision.maintenance.query.dashboard.SlaDashboard.StatusSeverity;
import com.itvision.maintenance.query.dashboard.SlaDashboard.TimeStats;
import com.itvision.maintenance.query.support.QueryScope;
import com.itvision.maintenance.query.ticket.TicketQueries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

/**
 * The SLA dashboard. A caller who sees everything, unfiltered or by whole months, is answered from the
 * dashboard's own read model ({@link SlaRollupQueries}, ADR 0018). Any other (a scoped caller, a project,
 * contract or client filter, a period cut inside a month: small sets, read through read_ticket's indexes)
 * is answered per ticket, as follows: counts in SQL (jOOQ aggregates over {@code read_ticket}, {@code read_intervention}),
 * SLA states and business times in Java with the shared {@code SlaClock} ({@link SlaFigures}), over the
 * tickets opened in the period, always within the caller's scope.
 */
@Component
public class SlaDashboardQueries {
    private static final String OPEN = TicketStatus.OPEN.name();
    private static final String IN_PROGRESS = TicketStatus.IN_PROGRESS.name();
    private static final String REJECTED = TicketStatus.REJECTED.name();

    private final DSLContext dsl;
    private final Clock clock;
    private final TicketQueries tickets;
    private final SlaRollupQueries rollups;

    public SlaDashboardQueries(DSLContext dsl, Clock clock, TicketQueries tickets, SlaRollupQueries rollups) {
        this.dsl = dsl;
        this.clock = clock;
        this.tickets = tickets;
        this.rollups = rollups;
    }

    /** Contracts listed when the caller does not say. */
    public static final int DEFAULT_CONTRACT_LIMIT = 100;
    public static final int MAX_CONTRACT_LIMIT = 10_000;

    public SlaDashboard dashboard(QueryScope scope, DashboardPeriod period, String projectId, String contractId,
                                  String clientId) {
        return dashboard(scope, period, projectId, contractId, clientId, DEFAULT_CONTRACT_LIMIT);
    }

    public SlaDashboard dashboard(QueryScope scope, DashboardPeriod period, String projectId, String contractId,
                                  String clientId, int contractLimit) {
        Instant now = clock.instant();
        Condition where = scope.tickets().and(filter(period, projectId, contractId, clientId));
        if (SlaRollupQueries.answers(scope.seesEverything(), period, projectId, contractId, clientId)) {
            SlaRollupQueries.Rollup r = rollups.figures(period, now, contractLimit);
            return new SlaDashboard(now,
                    new SlaDashboard.Filters(period.from(), period.to(), projectId, contractId, clientId),
                    r.tickets(), r.matrix(), r.coverage(), r.states(), r.open(), r.aging(), r.compliance(),
                    r.response(), r.resolution(), interventions(where), r.projects(), r.contracts(),
                    r.contractsTruncated());
        }
        return perTicket(scope, period, projectId, contractId, clientId, now, contractLimit);
    }

    /**
     * The dashboard computed ticket by ticket from {@code read_ticket} (the computation before ADR 0018):
     * what scoped or finely filtered callers get, and the oracle the read model is tested against.
     */
    public SlaDashboard perTicket(QueryScope scope, DashboardPeriod period, String projectId, String contractId,
                                  String clientId, Instant now, int contractLimit) {
        Condition where = scope.tickets().and(filter(period, projectId, contractId, clientId));
        List<ContractIndicators> contracts = contracts(where);
        List<ContractIndicators> listed = contracts.stream().limit(contractLimit).toList();
        java.util.Set<String> ids = listed.stream().map(ContractIndicators::contractId)
                .collect(java.util.stream.Collectors.toSet());
        List<StatusSeverity> matrix = dsl.select(READ_TICKET.STATUS, READ_TICKET.SEVERITY, count())
                .from(READ_TICKET).where(where)
                .groupBy(READ_TICKET.STATUS, READ_TICKET.SEVERITY).orderBy(READ_TICKET.STATUS, READ_TICKET.SEVERITY)
                .fetch(r -> new StatusSeverity(r.value1(), r.value2(), r.value3()));
        SlaFigures sla = slaFigures(where, now);
        return new SlaDashboard(now,
                new SlaDashboard.Filters(period.from(), period.to(), projectId, contractId, clientId),
                matrix.stream().mapToLong(StatusSeverity::count).sum(), matrix, coverage(where), sla.states(),
                sla.open(), sla.aging(), sla.compliance().onlyContracts(ids),
                wallClockTimes(where, READ_TICKET.RESPONDED_AT, sla.businessResponse()),
                wallClockTimes(where, READ_TICKET.RESOLVED_AT, sla.businessResolution()),
                interventions(where), projects(where, sla), listed, contracts.size() > listed.size());
    }

    private static Condition filter(DashboardPeriod period, String projectId, String contractId, String clientId) {
        Condition c = DSL.trueCondition();
        if (period.from() != null) {
            c = c.and(READ_TICKET.OPENED_AT.ge(period.startInclusive()));
        }
        if (period.to() != null) {
            c = c.and(READ_TICKET.OPENED_AT.lt(period.endExclusive()));
        }
        if (projectId != null) {
            c = c.and(READ_TICKET.PROJECT_ID.eq(projectId));
        }
        if (contractId != null) {
            c = c.and(READ_TICKET.CONTRACT_ID.eq(contractId));
        }
        if (clientId != null) {
            c = c.and(READ_TICKET.CLIENT_ID.eq(clientId));
        }
        return c;
    }

    private CoveredBillable coverage(Condition where) {
        Record r = dsl.select(count().filterWhere(READ_TICKET.COVERED.isTrue()),
                        count().filterWhere(READ_TICKET.COVERED.isFalse()),
                        count().filterWhere(READ_TICKET.COVERED.isFalse().and(READ_TICKET.BILLING_APPROVED.isTrue())))
                .from(READ_TICKET).where(where).fetchSingle();
        return new CoveredBillable(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class));
    }

    /** Loads only what needs the SLA clock: covered tickets that are not rejected, and the open ones. */
    private SlaFigures slaFigures(Condition where, Instant now) {
        List<ReadTicketRecord> rows = dsl.selectFrom(READ_TICKET).where(where)
                .and(READ_TICKET.COVERED.isTrue().and(READ_TICKET.STATUS.ne(REJECTED))
                        .or(READ_TICKET.STATUS.in(OPEN, IN_PROGRESS)))
                .fetch();
        return new SlaFigures(rows, tickets.holds(rows.stream().filter(ReadTicketRecord::getCovered)
                .map(ReadTicketRecord::getTicketId).toList()), now);
    }

    /** Wall-clock times from the opening to {@code fact}, in SQL ({@code percentile_cont} for the p90). */
    private TimeStats wallClockTimes(Condition where, Field<OffsetDateTime> fact, Durations business) {
        Field<Double> seconds = secondsBetween(READ_TICKET.OPENED_AT, fact);
        Record r = dsl.select(count(fact), avg(seconds), percentileCont(0.9).withinGroupOrderBy(seconds))
                .from(READ_TICKET).where(where).fetchSingle();
        long count = r.get(0, Long.class);
        return new TimeStats(new Durations(count, Figures.seconds(r.get(1, BigDecimal.class)),
                Figures.seconds(r.get(2, BigDecimal.class))), business);
    }

    private static Field<Double> secondsBetween(Field<OffsetDateTime> from, Field<OffsetDateTime> to) {
        return DSL.extract(to, DatePart.EPOCH, SQLDataType.NUMERIC)
                .minus(DSL.extract(from, DatePart.EPOCH, SQLDataType.NUMERIC)).cast(SQLDataType.DOUBLE);
    }

    private Interventions interventions(Condition where) {
        Record r = dsl.select(count(), count().filterWhere(READ_INTERVENTION.OVERRUN.isTrue()),
                        sum(READ_INTERVENTION.HOURS_SPENT), count().filterWhere(READ_INTERVENTION.COVERED.isTrue()))
                .from(READ_INTERVENTION).join(READ_TICKET).on(READ_TICKET.TICKET_ID.eq(READ_INTERVENTION.TICKET_ID))
                .where(where).and(READ_INTERVENTION.CANCELLED.isFalse())
                .fetchSingle();
        long count = r.get(0, Long.class);
        long overruns = r.get(1, Long.class);
        long covered = r.get(3, Long.class);
        BigDecimal hours = r.get(2, BigDecimal.class);
        return new Interventions(count, overruns, Figures.rate(overruns, count),
                hours == null ? BigDecimal.ZERO.setScale(2) : hours, covered, count - covered);
    }

    /** Seed 001 "Indicateurs par Projet"; slaBreached comes from the SLA clock. */
    private List<ProjectIndicators> projects(Condition where, SlaFigures sla) {
        Field<Integer> total = count().as("tickets");
        Field<Integer> open = status(OPEN);
        Field<Integer> inProgress = status(IN_PROGRESS);
        Field<Integer> resolved = status(TicketStatus.RESOLVED.name());
        Field<Integer> closed = status(TicketStatus.CLOSED.name());
        Field<Integer> rejected = status(REJECTED);
        Field<Integer> critical = severity(Severity.CRITICAL);
        Field<Integer> major = severity(Severity.MAJOR);
        Field<Integer> minor = severity(Severity.MINOR);
        Field<BigDecimal> resolution = avg(secondsBetween(READ_TICKET.OPENED_AT, READ_TICKET.RESOLVED_AT))
                .as("mean_resolution");
        return dsl.select(READ_TICKET.PROJECT_ID, READ_PROJECT.NAME, total, open, inProgress, resolved, closed,
                        rejected, critical, major, minor, resolution)
                .from(READ_TICKET).leftJoin(READ_PROJECT).on(READ_PROJECT.PROJECT_ID.eq(READ_TICKET.PROJECT_ID))
                .where(where)
                .groupBy(READ_TICKET.PROJECT_ID, READ_PROJECT.NAME).orderBy(READ_TICKET.PROJECT_ID)
                .fetch(r -> new ProjectIndicators(r.get(READ_TICKET.PROJECT_ID), r.get(READ_PROJECT.NAME),
                        r.get(total), r.get(open), r.get(inProgress), r.get(resolved), r.get(closed), r.get(rejected),
                        r.get(critical), r.get(major), r.get(minor), sla.breached(r.get(READ_TICKET.PROJECT_ID)),
                        Figures.seconds(r.get(resolution))));
    }

    /** Seed 001 "Indicateurs par Contrat": free (covered) and billable tickets per named contract. */
    private List<ContractIndicators> contracts(Condition where) {
        Field<Integer> free = count().filterWhere(READ_TICKET.COVERED.isTrue()).as("free");
        Field<Integer> billable = count().filterWhere(READ_TICKET.COVERED.isFalse()).as("billable");
        return dsl.select(READ_TICKET.CONTRACT_ID, READ_CONTRACT.NUMBER, free, billable)
                .from(READ_TICKET).leftJoin(READ_CONTRACT).on(READ_CONTRACT.CONTRACT_ID.eq(READ_TICKET.CONTRACT_ID))
                .where(where).and(READ_TICKET.CONTRACT_ID.isNotNull())
                .groupBy(READ_TICKET.CONTRACT_ID, READ_CONTRACT.NUMBER).orderBy(READ_TICKET.CONTRACT_ID)
                .fetch(r -> new ContractIndicators(r.get(READ_TICKET.CONTRACT_ID), r.get(READ_CONTRACT.NUMBER),
                        r.get(free), r.get(billable)));
    }

    private static Field<Integer> status(String status) {
        return count().filterWhere(READ_TICKET.STATUS.eq(status)).as("status_" + status.toLowerCase());
    }

    private static Field<Integer> severity(Severity severity) {
        return count().filterWhere(READ_TICKET.SEVERITY.eq(severity.name()))
                .as("severity_" + severity.name().toLowerCase());
    }
}

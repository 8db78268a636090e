package com.itvision.maintenance.query.dashboard;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_PROJECT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_CONTRACT_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_HISTOGRAM;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_TICKET;
import static org.jooq.impl.DSL.sum;

import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaState;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import com.itvision.maintenance.kernel.ticket.Severity;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import com.itvision.maintenance.projections.jooq.tables.records.ReadSlaTicketRecord;
import com.itvision.maintenance.projections.sla.SlaDashboardProjection;
import com.itvision.maintenance.projections.sla.SlaHistogram;
import com.itvision.maintenance.query.dashboard.SlaDashboard.AgingBucket;
import com.itvision.maintenance.query.dashboard.SlaDashboard.Compliance;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ComplianceReport;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ContractIndicators;
import com.itvision.maintenance.query.dashboard.SlaDashboard.CoveredBillable;
import com.itvision.maintenance.query.dashboard.SlaDashboard.Durations;
import com.itvision.maintenance.query.dashboard.SlaDashboard.OpenTicket;
import com.itvision.maintenance.query.dashboard.SlaDashboard.OpenTickets;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ProjectIndicators;
import com.itvision.maintenance.query.dashboard.SlaDashboard.StatusSeverity;
import com.itvision.maintenance.query.dashboard.SlaDashboard.TimeStats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The SLA dashboard of a caller who sees everything, unfiltered or filtered by whole months, from the
 * {@code sla-dashboard-projection} read model (ADR 0018): the rollups give every figure that does not
 * depend on "now" in O(months x projects x statuses x severities) rows; what does (the SLA state of a
 * ticket not answered yet, the open tickets, their aging) is computed now with the {@link SlaClock} over
 * the workable and unanswered tickets only, read through a partial index. The p90s come from log-scale
 * histograms: within 2 % of the exact value ({@link SlaHistogram}).
 */
@Component
class SlaRollupQueries {
    private static final Set<String> WORKABLE = Set.of(TicketStatus.OPEN.name(), TicketStatus.IN_PROGRESS.name());
    private static final String REJECTED = TicketStatus.REJECTED.name();
    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final DSLContext dsl;

    SlaRollupQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Whether the rollups can answer: whole months (or no bound), no project, contract or client filter. */
    static boolean answers(boolean seesEverything, DashboardPeriod period, String projectId, String contractId,
                           String clientId) {
        return seesEverything && projectId == null && contractId == null && clientId == null
                && (period.from() == null || period.from().getDayOfMonth() == 1)
                && (period.to() == null || period.to().equals(YearMonth.from(period.to()).atEndOfMonth()));
    }

    record Rollup(long tickets, List<StatusSeverity> matrix, CoveredBillable coverage, Map<SlaState, Long> states,
                   OpenTickets open, List<AgingBucket> aging, ComplianceReport compliance, TimeStats response,
                   TimeStats resolution, List<ProjectIndicators> projects, List<ContractIndicators> contracts,
                   boolean contractsTruncated) {
    }

    Rollup figures(DashboardPeriod period, Instant now, int contractLimit) {
        String fromMonth = period.from() == null ? null : YearMonth.from(period.from()).toString();
        String toMonth = period.to() == null ? null : YearMonth.from(period.to()).toString();
        var r = READ_SLA_ROLLUP;

        // the part that depends on now: workable or unanswered tickets, through the partial index
        Condition nowSet = READ_SLA_TICKET.STATUS.in(WORKABLE).or(READ_SLA_TICKET.COVERED.isTrue()
                .and(READ_SLA_TICKET.RESPONDED_AT.isNull()).and(READ_SLA_TICKET.STATUS.ne(REJECTED)));
        Condition opened = DSL.trueCondition();
        if (period.from() != null) {
            opened = opened.and(READ_SLA_TICKET.OPENED_AT.ge(period.startInclusive()));
        }
        if (period.to() != null) {
            opened = opened.and(READ_SLA_TICKET.OPENED_AT.lt(period.endExclusive()));
        }
        List<ReadSlaTicketRecord> current = dsl.selectFrom(READ_SLA_TICKET).where(nowSet).and(opened).fetch();
        Map<SlaState, Long> states = SlaFigures.emptyStates();
        Map<String, long[]> overall = new TreeMap<>();
        Map<String, long[]> byMonth = new TreeMap<>();
        Map<String, long[]> byProject = new TreeMap<>();
        Map<String, long[]> byContract = new TreeMap<>();
        Map<String, Long> breachedByProject = new HashMap<>();
        Map<String, SlaStatus> statuses = new HashMap<>();
        for (ReadSlaTicketRecord t : current) {
            SlaStatus sla = sla(t, now);
            if (sla == null) {
                continue;
            }
            statuses.put(t.getTicketId(), sla);
            if (t.getRespondedAt() != null) {
                continue; // decided: counted by the rollups
            }
            states.merge(sla.state(), 1L, Long::sum);
            if (sla.state() == SlaState.BREACHED) {
                breachedByProject.merge(t.getProjectId(), 1L, Long::sum);
                add(overall, "ALL", 0, 1);
                add(byMonth, t.getMonth(), 0, 1);
                add(byProject, t.getProjectId(), 0, 1);
                add(byContract, t.getContractId(), 0, 1);
            }
        }
        List<ReadSlaTicketRecord> workable = current.stream().filter(t -> WORKABLE.contains(t.getStatus())).toList();

        // the rollups
        Condition months = months(r.MONTH, fromMonth, toMonth);
        Field<BigDecimal> tickets = sum(r.TICKETS).as("tickets");
        List<StatusSeverity> matrix = dsl.select(r.STATUS, r.SEVERITY, tickets).from(r).where(months)
                .groupBy(r.STATUS, r.SEVERITY).having(sum(r.TICKETS).gt(BigDecimal.ZERO))
                .orderBy(r.STATUS, r.SEVERITY)
                .fetch(x -> new StatusSeverity(x.value1(), x.value2(), x.value3().longValue()));
        Record totals = dsl.select(
                        sum(r.TICKETS).filterWhere(r.COVERED.isTrue()),
                        sum(r.TICKETS).filterWhere(r.COVERED.isFalse()),
                        sum(r.TICKETS).filterWhere(r.COVERED.isFalse().and(r.BILLING_APPROVED.isTrue())),
                        sum(r.MET), sum(r.BREACHED),
                        sum(r.WALL_RESPONSE_N), sum(r.WALL_RESPONSE_US),
                        sum(r.WALL_RESOLUTION_N), sum(r.WALL_RESOLUTION_US),
                        sum(r.BUSINESS_RESPONSE_N), sum(r.BUSINESS_RESPONSE_S),
                        sum(r.BUSINESS_RESOLUTION_N), sum(r.BUSINESS_RESOLUTION_S))
                .from(r).where(months).fetchSingle();
        CoveredBillable coverage = new CoveredBillable(n(totals, 0), n(totals, 1), n(totals, 2));
        states.merge(SlaState.MET, n(totals, 3), Long::sum);
        states.merge(SlaState.BREACHED, n(totals, 4), Long::sum);
        add(overall, "ALL", n(totals, 3), n(totals, 4));

        Map<Short, List<SlaHistogram.Count>> histograms = new HashMap<>();
        dsl.select(READ_SLA_HISTOGRAM.METRIC, READ_SLA_HISTOGRAM.BUCKET, sum(READ_SLA_HISTOGRAM.N))
                .from(READ_SLA_HISTOGRAM).where(months(READ_SLA_HISTOGRAM.MONTH, fromMonth, toMonth))
                .groupBy(READ_SLA_HISTOGRAM.METRIC, READ_SLA_HISTOGRAM.BUCKET)
                .orderBy(READ_SLA_HISTOGRAM.METRIC, READ_SLA_HISTOGRAM.BUCKET)
                .forEach(x -> histograms.computeIfAbsent(x.value1(), k -> new ArrayList<>())
                        .add(new SlaHistogram.Count(x.value2(), x.value3().longValue())));
        TimeStats response = new TimeStats(
                durations(n(totals, 5), totals.get(6, BigDecimal.class), MICROS, histograms, SlaHistogram.WALL_RESPONSE),
                durations(n(totals, 9), totals.get(10, BigDecimal.class), BigDecimal.ONE, histograms,
                        SlaHistogram.BUSINESS_RESPONSE));
        TimeStats resolution = new TimeStats(
                durations(n(totals, 7), totals.get(8, BigDecimal.class), MICROS, histograms,
                        SlaHistogram.WALL_RESOLUTION),
                durations(n(totals, 11), totals.get(12, BigDecimal.class), BigDecimal.ONE, histograms,
                        SlaHistogram.BUSINESS_RESOLUTION));

        dsl.select(r.MONTH, sum(r.MET), sum(r.BREACHED)).from(r).where(months).groupBy(r.MONTH)
                .forEach(x -> add(byMonth, x.value1(), x.value2().longValue(), x.value3().longValue()));

        List<ProjectIndicators> projects = projects(months, breachedByProject, byProject);

        var c = READ_SLA_CONTRACT_ROLLUP;
        Condition contractMonths = months(c.MONTH, fromMonth, toMonth);
        // the first contracts by id, aggregated in the rollup's key order so that PostgreSQL stops after
        // contractLimit + 1 of them (a join before the GROUP BY made it aggregate all 10,000: 70 ms)
        var first = dsl.select(c.CONTRACT_ID, sum(c.FREE).as("free"), sum(c.BILLABLE).as("billable"),
                        sum(c.MET).as("met"), sum(c.BREACHED).as("breached"))
                .from(c).where(contractMonths)
                .groupBy(c.CONTRACT_ID)
                .having(sum(c.FREE).plus(sum(c.BILLABLE)).gt(BigDecimal.ZERO))
                .orderBy(c.CONTRACT_ID).limit(contractLimit + 1).asTable("first_contracts");
        Field<String> firstId = first.field(c.CONTRACT_ID);
        Result<? extends Record> perContract = dsl.select(firstId, READ_CONTRACT.NUMBER,
                        first.field("free", BigDecimal.class), first.field("billable", BigDecimal.class),
                        first.field("met", BigDecimal.class), first.field("breached", BigDecimal.class))
                .from(first).leftJoin(READ_CONTRACT).on(READ_CONTRACT.CONTRACT_ID.eq(firstId))
                .orderBy(firstId).fetch();
        List<ContractIndicators> contracts = new ArrayList<>();
        Map<String, long[]> listedCompliance = new TreeMap<>();
        for (Record x : perContract.subList(0, Math.min(contractLimit, perContract.size()))) {
            String id = x.get(0, String.class);
            contracts.add(new ContractIndicators(id, x.get(1, String.class), x.get(2, BigDecimal.class).longValue(),
                    x.get(3, BigDecimal.class).longValue()));
            long[] decidedNow = byContract.getOrDefault(id, new long[2]);
            add(listedCompliance, id, x.get(4, BigDecimal.class).longValue() + decidedNow[0],
                    x.get(5, BigDecimal.class).longValue() + decidedNow[1]);
        }

        ComplianceReport compliance = new ComplianceReport(
                compliance(overall).stream().findFirst().orElse(new Compliance("ALL", 0, 0, null)),
                compliance(listedCompliance), compliance(byProject), compliance(byMonth));
        return new Rollup(matrix.stream().mapToLong(StatusSeverity::count).sum(), matrix, coverage, states,
                open(workable, statuses, now), aging(workable, now), compliance, response, resolution, projects,
                contracts, perContract.size() > contractLimit);
    }

    private List<ProjectIndicators> projects(Condition months, Map<String, Long> breachedNow,
                                             Map<String, long[]> byProject) {
        var r = READ_SLA_ROLLUP;
        Field<BigDecimal> total = sum(r.TICKETS);
        List<ProjectIndicators> projects = new ArrayList<>();
        dsl.select(r.PROJECT_ID, READ_PROJECT.NAME, total,
                        status(TicketStatus.OPEN), status(TicketStatus.IN_PROGRESS), status(TicketStatus.RESOLVED),
                        status(TicketStatus.CLOSED), status(TicketStatus.REJECTED),
                        severity(Severity.CRITICAL), severity(Severity.MAJOR), severity(Severity.MINOR),
                        sum(r.MET), sum(r.BREACHED), sum(r.WALL_RESOLUTION_N), sum(r.WALL_RESOLUTION_US))
                .from(r).leftJoin(READ_PROJECT).on(READ_PROJECT.PROJECT_ID.eq(r.PROJECT_ID))
                .where(months)
                .groupBy(r.PROJECT_ID, READ_PROJECT.NAME).having(total.gt(BigDecimal.ZERO)).orderBy(r.PROJECT_ID)
                .forEach(x -> {
                    String project = x.get(0, String.class);
                    long breached = n(x, 12);
                    add(byProject, project, n(x, 11), breached);
                    long resolved = n(x, 13);
                    Long mean = resolved == 0 ? null : Figures.seconds(
                            x.get(14, BigDecimal.class).divide(MICROS.multiply(BigDecimal.valueOf(resolved)), PRECISION));
                    projects.add(new ProjectIndicators(project, x.get(1, String.class), n(x, 2), n(x, 3), n(x, 4),
                            n(x, 5), n(x, 6), n(x, 7), n(x, 8), n(x, 9), n(x, 10),
                            breached + breachedNow.getOrDefault(project, 0L), mean));
                });
        return projects;
    }

    private static Field<BigDecimal> status(TicketStatus status) {
        return sum(READ_SLA_ROLLUP.TICKETS).filterWhere(READ_SLA_ROLLUP.STATUS.eq(status.name()));
    }

    private static Field<BigDecimal> severity(Severity severity) {
        return sum(READ_SLA_ROLLUP.TICKETS).filterWhere(READ_SLA_ROLLUP.SEVERITY.eq(severity.name()));
    }

    private static Condition months(Field<String> month, String from, String to) {
        Condition c = DSL.trueCondition();
        if (from != null) {
            c = c.and(month.ge(from));
        }
        if (to != null) {
            c = c.and(month.le(to));
        }
        return c;
    }

    private static long n(Record r, int index) {
        BigDecimal value = r.get(index, BigDecimal.class);
        return value == null ? 0 : value.longValue();
    }

    private static Durations durations(long count, BigDecimal sum, BigDecimal unit,
                                       Map<Short, List<SlaHistogram.Count>> histograms, short metric) {
        if (count == 0) {
            return new Durations(0, null, null);
        }
        BigDecimal mean = sum.divide(unit.multiply(BigDecimal.valueOf(count)), PRECISION);
        Double p90 = SlaHistogram.percentile(histograms.getOrDefault(metric, List.of()), 0.9);
        return new Durations(count, Figures.seconds(mean), p90 == null ? null
                : Figures.seconds(p90));
    }

    private static void add(Map<String, long[]> counts, String key, long met, long breached) {
        if (key == null || met + breached == 0) {
            return;
        }
        long[] c = counts.computeIfAbsent(key, k -> new long[2]);
        c[0] += met;
        c[1] += breached;
    }

    private static List<Compliance> compliance(Map<String, long[]> counts) {
        return counts.entrySet().stream().map(e -> new Compliance(e.getKey(), e.getValue()[0], e.getValue()[1],
                Figures.rate(e.getValue()[0], e.getValue()[0] + e.getValue()[1]))).toList();
    }

    /** The SLA standing now of a covered, non-rejected ticket; null for the others (as TicketQueries.sla). */
    static SlaStatus sla(ReadSlaTicketRecord t, Instant now) {
        if (!t.getCovered() || t.getSlaHours() == null || REJECTED.equals(t.getStatus())) {
            return null;
        }
        return SlaClock.of(SupportHours.valueOf(t.getSupportHours()), ZoneId.of(t.getTimeZone()))
                .status(t.getOpenedAt().toInstant(), Duration.ofHours(t.getSlaHours()),
                        SlaDashboardProjection.holds(t),
                        t.getRespondedAt() == null ? null : t.getRespondedAt().toInstant(), now);
    }

    private static OpenTickets open(List<ReadSlaTicketRecord> workable, Map<String, SlaStatus> statuses, Instant now) {
        Map<SlaState, Long> byState = SlaFigures.emptyStates();
        List<OpenTicket> items = new ArrayList<>();
        for (ReadSlaTicketRecord t : workable) {
            SlaStatus sla = statuses.get(t.getTicketId());
            if (sla != null) {
                byState.merge(sla.state(), 1L, Long::sum);
            }
            items.add(new OpenTicket(t.getTicketId(), t.getNumber(), t.getProjectId(), t.getContractId(),
                    t.getSeverity(), t.getStatus(), t.getCovered(), t.getAssigneeId(), t.getOpenedAt().toInstant(),
                    age(t.getOpenedAt().toInstant(), now), sla == null ? null : sla.state(),
                    sla == null ? null : sla.deadline(), sla == null ? null : sla.remaining().toSeconds(),
                    sla == null ? null : Figures.round(sla.consumedRatio(), 4)));
        }
        items.sort(Comparator.comparing(OpenTicket::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(OpenTicket::openedAt).thenComparing(OpenTicket::number));
        return new OpenTickets(workable.size(), byState,
                items.stream().limit(SlaFigures.OPEN_ITEMS_LIMIT).toList());
    }

    private static List<AgingBucket> aging(List<ReadSlaTicketRecord> workable, Instant now) {
        return SlaFigures.agingOf(workable.stream().map(t -> t.getOpenedAt().toInstant()).toList(), now);
    }

    private static long age(Instant opened, Instant now) {
        return Math.max(0, Duration.between(opened, now).toSeconds());
    }
}

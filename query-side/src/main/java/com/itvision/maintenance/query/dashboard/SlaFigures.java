package com.itvision.maintenance.query.dashboard;

import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaState;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import com.itvision.maintenance.projections.jooq.tables.records.ReadTicketRecord;
import com.itvision.maintenance.query.dashboard.SlaDashboard.AgingBucket;
import com.itvision.maintenance.query.dashboard.SlaDashboard.Compliance;
import com.itvision.maintenance.query.dashboard.SlaDashboard.ComplianceReport;
import com.itvision.maintenance.query.dashboard.SlaDashboard.OpenTicket;
import com.itvision.maintenance.query.dashboard.SlaDashboard.OpenTickets;
import com.itvision.maintenance.query.ticket.TicketQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures that need SLA time, computed in Java from the stored facts (opening, holds, first
 * response, resolution) with the shared kernel's {@link SlaClock}, exactly as the command side does.
 * Input: the covered, non-rejected tickets of the dashboard and its workable (open) ones.
 */
final class SlaFigures {
    static final int OPEN_ITEMS_LIMIT = 200;
    private static final Set<String> WORKABLE = Set.of(TicketStatus.OPEN.name(), TicketStatus.IN_PROGRESS.name());
    private static final long DAY = Duration.ofDays(1).toSeconds();
    private static final long[] AGING_DAYS = {0, 1, 3, 7, 30};

    private final Map<SlaState, Long> states = emptyStates();
    private final Map<String, Long> breachedByProject = new HashMap<>();
    private final OpenTickets open;
    private final List<AgingBucket> aging;
    private final ComplianceReport compliance;
    private final SlaDashboard.Durations businessResponse;
    private final SlaDashboard.Durations businessResolution;

    SlaFigures(List<ReadTicketRecord> tickets, Map<String, List<Hold>> holds, Instant now) {
        Map<String, SlaStatus> statuses = new HashMap<>();
        List<Long> responses = new ArrayList<>();
        List<Long> resolutions = new ArrayList<>();
        List<ReadTicketRecord> decided = new ArrayList<>();
        for (ReadTicketRecord t : tickets) {
            List<Hold> own = holds.getOrDefault(t.getTicketId(), List.of());
            SlaStatus sla = TicketStatus.REJECTED.name().equals(t.getStatus()) ? null : TicketQueries.sla(t, own, now);
            if (sla == null) {
                continue;
            }
            statuses.put(t.getTicketId(), sla);
            states.merge(sla.state(), 1L, Long::sum);
            if (sla.state() == SlaState.BREACHED) {
                breachedByProject.merge(t.getProjectId(), 1L, Long::sum);
            }
            if (sla.state() == SlaState.MET || sla.state() == SlaState.BREACHED) {
                decided.add(t);
            }
            if (t.getRespondedAt() != null) {
                responses.add(sla.consumed().toSeconds()); // consumed stops at the response
            }
            if (t.getResolvedAt() != null) {
                resolutions.add(clock(t).elapsed(t.getOpenedAt().toInstant(), t.getResolvedAt().toInstant(), own)
                        .toSeconds());
            }
        }
        this.businessResponse = Figures.durations(responses);
        this.businessResolution = Figures.durations(resolutions);
        this.compliance = compliance(decided, statuses);
        List<ReadTicketRecord> workable = tickets.stream().filter(t -> WORKABLE.contains(t.getStatus())).toList();
        this.open = open(workable, statuses, now);
        this.aging = aging(workable, now);
    }

    Map<SlaState, Long> states() {
        return states;
    }

    long breached(String projectId) {
        return breachedByProject.getOrDefault(projectId, 0L);
    }

    OpenTickets open() {
        return open;
    }

    List<AgingBucket> aging() {
        return aging;
    }

    ComplianceReport compliance() {
        return compliance;
    }

    SlaDashboard.Durations businessResponse() {
        return businessResponse;
    }

    SlaDashboard.Durations businessResolution() {
        return businessResolution;
    }

    private static SlaClock clock(ReadTicketRecord t) {
        return SlaClock.of(SupportHours.valueOf(t.getSupportHours()), ZoneId.of(t.getTimeZone()));
    }

    private static ComplianceReport compliance(List<ReadTicketRecord> decided, Map<String, SlaStatus> statuses) {
        Function<ReadTicketRecord, Boolean> met = t -> statuses.get(t.getTicketId()).state() == SlaState.MET;
        return new ComplianceReport(
                group(decided, t -> "ALL", met).stream().findFirst().orElse(new Compliance("ALL", 0, 0, null)),
                group(decided, ReadTicketRecord::getContractId, met),
                group(decided, ReadTicketRecord::getProjectId, met),
                group(decided, t -> YearMonth.from(t.getOpenedAt().toInstant().atOffset(ZoneOffset.UTC)).toString(),
                        met));
    }

    private static List<Compliance> group(List<ReadTicketRecord> decided, Function<ReadTicketRecord, String> key,
                                          Function<ReadTicketRecord, Boolean> met) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ReadTicketRecord t : decided) {
            counts.computeIfAbsent(key.apply(t), k -> new long[2])[met.apply(t) ? 0 : 1]++;
        }
        return counts.entrySet().stream().map(e -> new Compliance(e.getKey(), e.getValue()[0], e.getValue()[1],
                Figures.rate(e.getValue()[0], e.getValue()[0] + e.getValue()[1]))).toList();
    }

    private static OpenTickets open(List<ReadTicketRecord> workable, Map<String, SlaStatus> statuses, Instant now) {
        Map<SlaState, Long> byState = emptyStates();
        List<OpenTicket> items = new ArrayList<>();
        for (ReadTicketRecord t : workable) {
            SlaStatus sla = statuses.get(t.getTicketId());
            if (sla != null) {
                byState.merge(sla.state(), 1L, Long::sum);
            }
            items.add(new OpenTicket(t.getTicketId(), t.getNumber(), t.getProjectId(), t.getContractId(),
                    t.getSeverity(), t.getStatus(), t.getCovered(), t.getAssigneeId(), t.getOpenedAt().toInstant(),
                    age(t, now), sla == null ? null : sla.state(), sla == null ? null : sla.deadline(),
                    sla == null ? null : sla.remaining().toSeconds(),
                    sla == null ? null : Figures.round(sla.consumedRatio(), 4)));
        }
        items.sort(Comparator.comparing(OpenTicket::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(OpenTicket::openedAt).thenComparing(OpenTicket::number));
        return new OpenTickets(workable.size(), byState, items.stream().limit(OPEN_ITEMS_LIMIT).toList());
    }

    private static List<AgingBucket> aging(List<ReadTicketRecord> workable, Instant now) {
        return agingOf(workable.stream().map(t -> t.getOpenedAt().toInstant()).toList(), now);
    }

    /** Open tickets by wall-clock age at {@code now}, given their openings. */
    static List<AgingBucket> agingOf(List<Instant> openings, Instant now) {
        long[] counts = new long[AGING_DAYS.length];
        for (Instant opened : openings) {
            long age = Math.max(0, Duration.between(opened, now).toSeconds());
            int bucket = AGING_DAYS.length - 1;
            while (age < AGING_DAYS[bucket] * DAY) {
                bucket--;
            }
            counts[bucket]++;
        }
        List<AgingBucket> buckets = new ArrayList<>();
        for (int i = 0; i < AGING_DAYS.length; i++) {
            boolean last = i == AGING_DAYS.length - 1;
            buckets.add(new AgingBucket(last ? AGING_DAYS[i] + "d+" : AGING_DAYS[i] + "-" + AGING_DAYS[i + 1] + "d",
                    AGING_DAYS[i], last ? null : AGING_DAYS[i + 1], counts[i]));
        }
        return buckets;
    }

    private static long age(ReadTicketRecord t, Instant now) {
        return Math.max(0, Duration.between(t.getOpenedAt().toInstant(), now).toSeconds());
    }

    static Map<SlaState, Long> emptyStates() {
        Map<SlaState, Long> states = new EnumMap<>(SlaState.class);
        for (SlaState state : SlaState.values()) {
            states.put(state, 0L);
        }
        return states;
    }
}

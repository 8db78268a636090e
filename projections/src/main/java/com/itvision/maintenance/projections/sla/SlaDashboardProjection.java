package com.itvision.maintenance.projections.sla;

import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_CONTRACT_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_HISTOGRAM;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_TICKET;

import com.itvision.maintenance.kernel.contract.SupportHours;
import com.itvision.maintenance.kernel.sla.Hold;
import com.itvision.maintenance.kernel.sla.SlaClock;
import com.itvision.maintenance.kernel.sla.SlaState;
import com.itvision.maintenance.kernel.sla.SlaStatus;
import com.itvision.maintenance.kernel.ticket.TicketCoverage;
import com.itvision.maintenance.kernel.ticket.TicketEvent;
import com.itvision.maintenance.kernel.ticket.TicketEvent.BillingApproved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.SeverityReclassified;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketAssigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketClosed;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketOpened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketPutOnHold;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReassigned;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketRejected;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketReopened;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResolved;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResponded;
import com.itvision.maintenance.kernel.ticket.TicketEvent.TicketResumed;
import com.itvision.maintenance.kernel.ticket.TicketStatus;
import com.itvision.maintenance.projections.jooq.tables.records.ReadSlaTicketRecord;
import com.itvision.maintenance.projections.support.ProjectionBatch;
import com.itvision.maintenance.projections.support.ProjectionBatches;
import com.itvision.maintenance.projections.support.Projections;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The SLA dashboard's own read model (ADR 0018): per ticket, everything the dashboard needs that does not
 * depend on "now", decided when the event happens with the shared kernel's {@link SlaClock} (the same code
 * as the command side); and rollups (by month of opening x project x status x severity x coverage, by
 * contract x month, and log-scale histograms by month) that the dashboard sums instead of scanning tickets.
 *
 * <p>To move a ticket between buckets the projection needs its previous contribution: the first event of a
 * processor batch loads the current rows of all the batch's tickets in one SELECT, the events are applied in
 * memory, and each applied event writes the ticket's row (upsert guarded by version) and the rollup deltas
 * (new contribution minus previous, {@code n = n + excluded.n}) through the group's {@link ProjectionBatch}:
 * one JDBC batch, one transaction with the token, the same dead-letter handling as every read model. An
 * event whose sequence number the ticket's row already reflects is skipped before any delta is computed,
 * so a redelivered event counts once. One segment (application.yml): a single writer of the hot rollup rows.
 */
@Component
@ProcessingGroup(Projections.SLA_DASHBOARD)
public class SlaDashboardProjection {
    private static final String REJECTED = TicketStatus.REJECTED.name();

    private final ProjectionBatch batch;
    private final String resource = SlaDashboardProjection.class.getName() + "/" + System.identityHashCode(this);

    public SlaDashboardProjection(ProjectionBatches batches) {
        this.batch = batches.forGroup(Projections.SLA_DASHBOARD);
    }

    @EventHandler
    void on(TicketOpened e, @SequenceNumber long seq) {
        TicketCoverage c = e.coverage();
        String id = e.ticketId().value();
        if (load(id) != null) {
            return; // delivered again: the row exists
        }
        ReadSlaTicketRecord t = new ReadSlaTicketRecord();
        t.setTicketId(id);
        t.setNumber(e.number());
        t.setClientId(e.clientId().value());
        t.setProjectId(e.projectId().value());
        t.setContractId(c.contractId() == null ? null : c.contractId().value());
        t.setSeverity(e.severity().name());
        t.setStatus(TicketStatus.OPEN.name());
        t.setCovered(c.covered());
        t.setBillingApproved(false);
        t.setSlaHours(c.slaHours());
        t.setSupportHours(c.supportHours() == null ? null : c.supportHours().name());
        t.setTimeZone(c.timeZone() == null ? null : c.timeZone().getId());
        t.setOpenedAt(at(e.occurredAt()));
        t.setMonth(YearMonth.from(t.getOpenedAt()).toString());
        t.setHoldStarts(new OffsetDateTime[0]);
        t.setHoldEnds(new OffsetDateTime[0]);
        t.setVersion(seq);
        t.setApplied(0);
        write(null, t);
    }

    @EventHandler
    void on(TicketRejected e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setStatus(REJECTED));
    }

    @EventHandler
    void on(BillingApproved e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setBillingApproved(true));
    }

    @EventHandler
    void on(TicketPutOnHold e, @SequenceNumber long seq) {
        change(e, seq, t -> {
            t.setHoldStarts(append(t.getHoldStarts(), at(e.occurredAt())));
            t.setHoldEnds(append(t.getHoldEnds(), null));
        });
    }

    @EventHandler
    void on(TicketResumed e, @SequenceNumber long seq) {
        change(e, seq, t -> {
            OffsetDateTime[] ends = t.getHoldEnds().clone();
            for (int i = 0; i < ends.length; i++) {
                if (ends[i] == null) {
                    ends[i] = at(e.occurredAt());
                }
            }
            t.setHoldEnds(ends);
        });
    }

    @EventHandler
    void on(SeverityReclassified e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setSeverity(e.to().name()));
    }

    @EventHandler
    void on(TicketAssigned e, @SequenceNumber long seq) {
        change(e, seq, t -> {
            t.setAssigneeId(e.technicianId().value());
            if (TicketStatus.OPEN.name().equals(t.getStatus())) {
                t.setStatus(TicketStatus.IN_PROGRESS.name());
            }
        });
    }

    @EventHandler
    void on(TicketReassigned e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setAssigneeId(e.to().value()));
    }

    @EventHandler
    void on(TicketResponded e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setRespondedAt(at(e.respondedAt())));
    }

    @EventHandler
    void on(TicketResolved e, @SequenceNumber long seq) {
        change(e, seq, t -> {
            t.setStatus(TicketStatus.RESOLVED.name());
            t.setResolvedAt(at(e.occurredAt()));
        });
    }

    @EventHandler
    void on(TicketClosed e, @SequenceNumber long seq) {
        change(e, seq, t -> t.setStatus(TicketStatus.CLOSED.name()));
    }

    @EventHandler
    void on(TicketReopened e, @SequenceNumber long seq) {
        change(e, seq, t -> {
            t.setStatus(TicketStatus.IN_PROGRESS.name());
            t.setResolvedAt(null);
        });
    }

    @ResetHandler
    void reset() {
        DSLContext dsl = batch.dsl();
        dsl.truncate(READ_SLA_TICKET).execute();
        dsl.truncate(READ_SLA_ROLLUP).execute();
        dsl.truncate(READ_SLA_CONTRACT_ROLLUP).execute();
        dsl.truncate(READ_SLA_HISTOGRAM).execute();
    }

    // --- state --------------------------------------------------------------------------------

    private void change(TicketEvent e, long seq, Consumer<ReadSlaTicketRecord> change) {
        ReadSlaTicketRecord before = load(e.ticketId().value());
        if (before == null || before.getVersion() >= seq) {
            return; // not opened here (cannot be) or already applied
        }
        ReadSlaTicketRecord after = before.into(READ_SLA_TICKET);
        change.accept(after);
        after.setVersion(seq);
        write(before, after);
    }

    private void write(ReadSlaTicketRecord before, ReadSlaTicketRecord after) {
        after.setApplied(after.getApplied() + 1);
        derive(after);
        state().put(after.getTicketId(), after);
        DSLContext dsl = batch.dsl();
        after.changed(true);
        batch.add(dsl.insertInto(READ_SLA_TICKET).set(after)
                .onConflict(READ_SLA_TICKET.TICKET_ID).doUpdate().set(after)
                .where(READ_SLA_TICKET.VERSION.lt(after.getVersion())));
        Contribution delta = Contribution.of(after).minus(Contribution.of(before));
        delta.rollups.forEach((key, v) -> {
            if (Arrays.stream(v).anyMatch(x -> x != 0)) {
                batch.add(rollupDelta(dsl, key, v));
            }
        });
        delta.contracts.forEach((key, v) -> {
            if (Arrays.stream(v).anyMatch(x -> x != 0)) {
                batch.add(dsl.insertInto(READ_SLA_CONTRACT_ROLLUP)
                        .set(READ_SLA_CONTRACT_ROLLUP.CONTRACT_ID, key.get(0))
                        .set(READ_SLA_CONTRACT_ROLLUP.MONTH, key.get(1))
                        .set(READ_SLA_CONTRACT_ROLLUP.FREE, v[0])
                        .set(READ_SLA_CONTRACT_ROLLUP.BILLABLE, v[1])
                        .set(READ_SLA_CONTRACT_ROLLUP.MET, v[2])
                        .set(READ_SLA_CONTRACT_ROLLUP.BREACHED, v[3])
                        .onConflict(READ_SLA_CONTRACT_ROLLUP.CONTRACT_ID, READ_SLA_CONTRACT_ROLLUP.MONTH).doUpdate()
                        .set(READ_SLA_CONTRACT_ROLLUP.FREE, READ_SLA_CONTRACT_ROLLUP.FREE
                                .plus(DSL.excluded(READ_SLA_CONTRACT_ROLLUP.FREE)))
                        .set(READ_SLA_CONTRACT_ROLLUP.BILLABLE, READ_SLA_CONTRACT_ROLLUP.BILLABLE
                                .plus(DSL.excluded(READ_SLA_CONTRACT_ROLLUP.BILLABLE)))
                        .set(READ_SLA_CONTRACT_ROLLUP.MET, READ_SLA_CONTRACT_ROLLUP.MET
                                .plus(DSL.excluded(READ_SLA_CONTRACT_ROLLUP.MET)))
                        .set(READ_SLA_CONTRACT_ROLLUP.BREACHED, READ_SLA_CONTRACT_ROLLUP.BREACHED
                                .plus(DSL.excluded(READ_SLA_CONTRACT_ROLLUP.BREACHED))));
            }
        });
        delta.histogram.forEach((key, n) -> {
            if (n != 0) {
                batch.add(dsl.insertInto(READ_SLA_HISTOGRAM)
                        .set(READ_SLA_HISTOGRAM.MONTH, key.month())
                        .set(READ_SLA_HISTOGRAM.METRIC, key.metric())
                        .set(READ_SLA_HISTOGRAM.BUCKET, key.bucket())
                        .set(READ_SLA_HISTOGRAM.N, n)
                        .onConflict(READ_SLA_HISTOGRAM.MONTH, READ_SLA_HISTOGRAM.METRIC, READ_SLA_HISTOGRAM.BUCKET)
                        .doUpdate()
                        .set(READ_SLA_HISTOGRAM.N, READ_SLA_HISTOGRAM.N.plus(DSL.excluded(READ_SLA_HISTOGRAM.N))));
            }
        });
    }

    private static org.jooq.Query rollupDelta(DSLContext dsl, List<Object> key, long[] v) {
        var r = READ_SLA_ROLLUP;
        return dsl.insertInto(r)
                .set(r.MONTH, (String) key.get(0))
                .set(r.PROJECT_ID, (String) key.get(1))
                .set(r.STATUS, (String) key.get(2))
                .set(r.SEVERITY, (String) key.get(3))
                .set(r.COVERED, (Boolean) key.get(4))
                .set(r.BILLING_APPROVED, (Boolean) key.get(5))
                .set(r.TICKETS, v[0])
                .set(r.MET, v[1])
                .set(r.BREACHED, v[2])
                .set(r.WALL_RESPONSE_N, v[3])
                .set(r.WALL_RESPONSE_US, BigDecimal.valueOf(v[4]))
                .set(r.WALL_RESOLUTION_N, v[5])
                .set(r.WALL_RESOLUTION_US, BigDecimal.valueOf(v[6]))
                .set(r.BUSINESS_RESPONSE_N, v[7])
                .set(r.BUSINESS_RESPONSE_S, BigDecimal.valueOf(v[8]))
                .set(r.BUSINESS_RESOLUTION_N, v[9])
                .set(r.BUSINESS_RESOLUTION_S, BigDecimal.valueOf(v[10]))
                .onConflict(r.MONTH, r.PROJECT_ID, r.STATUS, r.SEVERITY, r.COVERED, r.BILLING_APPROVED).doUpdate()
                .set(r.TICKETS, r.TICKETS.plus(DSL.excluded(r.TICKETS)))
                .set(r.MET, r.MET.plus(DSL.excluded(r.MET)))
                .set(r.BREACHED, r.BREACHED.plus(DSL.excluded(r.BREACHED)))
                .set(r.WALL_RESPONSE_N, r.WALL_RESPONSE_N.plus(DSL.excluded(r.WALL_RESPONSE_N)))
                .set(r.WALL_RESPONSE_US, r.WALL_RESPONSE_US.plus(DSL.excluded(r.WALL_RESPONSE_US)))
                .set(r.WALL_RESOLUTION_N, r.WALL_RESOLUTION_N.plus(DSL.excluded(r.WALL_RESOLUTION_N)))
                .set(r.WALL_RESOLUTION_US, r.WALL_RESOLUTION_US.plus(DSL.excluded(r.WALL_RESOLUTION_US)))
                .set(r.BUSINESS_RESPONSE_N, r.BUSINESS_RESPONSE_N.plus(DSL.excluded(r.BUSINESS_RESPONSE_N)))
                .set(r.BUSINESS_RESPONSE_S, r.BUSINESS_RESPONSE_S.plus(DSL.excluded(r.BUSINESS_RESPONSE_S)))
                .set(r.BUSINESS_RESOLUTION_N, r.BUSINESS_RESOLUTION_N.plus(DSL.excluded(r.BUSINESS_RESOLUTION_N)))
                .set(r.BUSINESS_RESOLUTION_S, r.BUSINESS_RESOLUTION_S.plus(DSL.excluded(r.BUSINESS_RESOLUTION_S)));
    }

    /** What the SLA clock decides once and for all (ADR 0018); null where it does not apply. */
    static void derive(ReadSlaTicketRecord t) {
        t.setResponseOutcome(null);
        t.setBusinessResponseSeconds(null);
        t.setBusinessResolutionSeconds(null);
        if (!t.getCovered() || t.getSlaHours() == null || REJECTED.equals(t.getStatus())) {
            return;
        }
        SlaClock clock = SlaClock.of(SupportHours.valueOf(t.getSupportHours()), ZoneId.of(t.getTimeZone()));
        List<Hold> holds = holds(t);
        Instant opened = t.getOpenedAt().toInstant();
        if (t.getRespondedAt() != null) {
            Instant responded = t.getRespondedAt().toInstant();
            SlaStatus sla = clock.status(opened, Duration.ofHours(t.getSlaHours()), holds, responded, responded);
            t.setResponseOutcome(sla.state().name());
            t.setBusinessResponseSeconds(sla.consumed().toSeconds());
        }
        if (t.getResolvedAt() != null) {
            t.setBusinessResolutionSeconds(clock.elapsed(opened, t.getResolvedAt().toInstant(), holds).toSeconds());
        }
    }

    public static List<Hold> holds(ReadSlaTicketRecord t) {
        List<Hold> holds = new ArrayList<>();
        for (int i = 0; i < t.getHoldStarts().length; i++) {
            OffsetDateTime end = t.getHoldEnds()[i];
            holds.add(new Hold(t.getHoldStarts()[i].toInstant(), end == null ? null : end.toInstant()));
        }
        return holds;
    }

    /** A ticket's share of the rollups: nothing for no ticket. */
    private static final class Contribution {
        final Map<List<Object>, long[]> rollups = new HashMap<>();
        final Map<List<String>, long[]> contracts = new HashMap<>();
        final Map<HistogramKey, Long> histogram = new TreeMap<>();

        static Contribution of(ReadSlaTicketRecord t) {
            Contribution c = new Contribution();
            if (t == null) {
                return c;
            }
            long met = SlaState.MET.name().equals(t.getResponseOutcome()) ? 1 : 0;
            long breached = SlaState.BREACHED.name().equals(t.getResponseOutcome()) ? 1 : 0;
            Long wallResponse = micros(t.getOpenedAt(), t.getRespondedAt());
            Long wallResolution = micros(t.getOpenedAt(), t.getResolvedAt());
            Long businessResponse = t.getBusinessResponseSeconds();
            Long businessResolution = t.getBusinessResolutionSeconds();
            c.rollups.put(List.of(t.getMonth(), t.getProjectId(), t.getStatus(), t.getSeverity(), t.getCovered(),
                    t.getBillingApproved()), new long[] {1, met, breached,
                    wallResponse == null ? 0 : 1, wallResponse == null ? 0 : wallResponse,
                    wallResolution == null ? 0 : 1, wallResolution == null ? 0 : wallResolution,
                    businessResponse == null ? 0 : 1, businessResponse == null ? 0 : businessResponse,
                    businessResolution == null ? 0 : 1, businessResolution == null ? 0 : businessResolution});
            if (t.getContractId() != null) {
                c.contracts.put(List.of(t.getContractId(), t.getMonth()),
                        new long[] {t.getCovered() ? 1 : 0, t.getCovered() ? 0 : 1, met, breached});
            }
            c.count(t.getMonth(), SlaHistogram.WALL_RESPONSE, wallResponse == null ? null : wallResponse / 1e6);
            c.count(t.getMonth(), SlaHistogram.WALL_RESOLUTION, wallResolution == null ? null : wallResolution / 1e6);
            c.count(t.getMonth(), SlaHistogram.BUSINESS_RESPONSE,
                    businessResponse == null ? null : businessResponse.doubleValue());
            c.count(t.getMonth(), SlaHistogram.BUSINESS_RESOLUTION,
                    businessResolution == null ? null : businessResolution.doubleValue());
            return c;
        }

        private void count(String month, short metric, Double seconds) {
            if (seconds != null) {
                histogram.merge(new HistogramKey(month, metric, SlaHistogram.bucket(seconds)), 1L, Long::sum);
            }
        }

        /** This minus {@code other}, key by key. */
        Contribution minus(Contribution other) {
            Contribution d = new Contribution();
            rollups.forEach((k, v) -> d.rollups.put(k, v.clone()));
            other.rollups.forEach((k, v) -> subtract(d.rollups.computeIfAbsent(k, x -> new long[v.length]), v));
            contracts.forEach((k, v) -> d.contracts.put(k, v.clone()));
            other.contracts.forEach((k, v) -> subtract(d.contracts.computeIfAbsent(k, x -> new long[v.length]), v));
            d.histogram.putAll(histogram);
            other.histogram.forEach((k, n) -> d.histogram.merge(k, -n, Long::sum));
            return d;
        }

        private static void subtract(long[] into, long[] v) {
            for (int i = 0; i < v.length; i++) {
                into[i] -= v[i];
            }
        }

        private static Long micros(OffsetDateTime from, OffsetDateTime to) {
            return to == null ? null : ChronoUnit.MICROS.between(from, to);
        }
    }

    private record HistogramKey(String month, short metric, short bucket) implements Comparable<HistogramKey> {
        @Override
        public int compareTo(HistogramKey o) {
            int c = month.compareTo(o.month);
            if (c != 0) {
                return c;
            }
            c = Short.compare(metric, o.metric);
            return c != 0 ? c : Short.compare(bucket, o.bucket);
        }
    }

    // --- the batch's tickets ------------------------------------------------------------------

    /** The ticket as the batch left it so far: loaded with the batch's other tickets on first use. */
    private ReadSlaTicketRecord load(String ticketId) {
        Map<String, ReadSlaTicketRecord> state = state();
        if (state.containsKey(ticketId)) {
            return state.get(ticketId);
        }
        Set<String> ids = new HashSet<>();
        ids.add(ticketId);
        UnitOfWork<?> owner = owner();
        if (owner instanceof BatchingUnitOfWork<?> batching) {
            for (Message<?> m : batching.getMessages()) {
                if (m instanceof DomainEventMessage<?> d && d.getPayload() instanceof TicketEvent
                        && !state.containsKey(d.getAggregateIdentifier())) {
                    ids.add(d.getAggregateIdentifier());
                }
            }
        }
        ids.forEach(id -> state.put(id, null));
        batch.dsl().selectFrom(READ_SLA_TICKET).where(READ_SLA_TICKET.TICKET_ID.in(ids)).fetch()
                .forEach(r -> state.put(r.getTicketId(), r));
        return state.get(ticketId);
    }

    private Map<String, ReadSlaTicketRecord> state() {
        UnitOfWork<?> owner = owner();
        return owner == null ? new HashMap<>() : owner.getOrComputeResource(resource, k -> new HashMap<>());
    }

    /** Like {@link ProjectionBatch}: a retried dead letter's own unit of work, else the batch's. */
    private static UnitOfWork<?> owner() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        for (UnitOfWork<?> uow = current; uow != null; uow = uow.parent().orElse(null)) {
            if (uow.resources().containsKey(DeadLetter.class.getName())) {
                return uow;
            }
        }
        return current.root();
    }

    private static OffsetDateTime at(Instant instant) {
        // microseconds, rounded half-up as the JDBC driver sends them: the deltas are computed from what is
        // stored, so a contribution recomputed from the row read back equals the one written
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime[] append(OffsetDateTime[] values, OffsetDateTime value) {
        OffsetDateTime[] copy = Arrays.copyOf(values, values.length + 1);
        copy[values.length] = value;
        return copy;
    }
}

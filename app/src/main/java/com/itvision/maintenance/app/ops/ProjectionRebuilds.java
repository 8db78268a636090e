package com.itvision.maintenance.app.ops;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.support.ReadModels;
import com.itvision.maintenance.projections.support.ReadModelProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blue/green rebuilds of the read models (ADR 0015). A request stores a {@code projection_rebuild} row,
 * creates the {@code <table>__rebuild} copies and the tokens of the processor {@code G#rebuild}, in one
 * transaction. Every node polls the table ({@code maintenance.rebuild.poll-interval}, 1 s): while a
 * rebuild of G is REQUESTED or BUILDING, each node runs its own instance of {@code G#rebuild}
 * ({@link RebuildProcessor}), so whichever node claims its segments does the work and a dead node's
 * segments are claimed by another once their claim times out. The poll records the progress; once every
 * segment has passed the position the rebuild was asked at and is within
 * {@code maintenance.rebuild.swap-lag} events of the store's head, one node moves it to SWAPPING, every node
 * stops its instance, and the first node to find all segments released swaps ({@link RebuildSwap}).
 * Cancelling stops the processors and drops the copies; the live model is never touched but by the swap.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    static final List<String> ACTIVE = List.of("REQUESTED", "BUILDING", "SWAPPING");

    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private final TokenStore tokenStore;
    private final EventStore eventStore;
    private final ReadModelProgress progress;
    private final RebuildProcessor.Factory processors;
    private final RebuildSwap swap;
    private final Clock clock;
    private final Duration pollInterval;
    private final long swapLag;
    private final EventProcessingConfiguration processing;
    private final Map<String, RebuildProcessor> running = new ConcurrentHashMap<>();
    private final Map<UUID, String> seen = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService poller;

    public ProjectionRebuilds(DSLContext dsl, PlatformTransactionManager transactions, TokenStore tokenStore,
                              EventStore eventStore, ReadModelProgress progress, RebuildProcessor.Factory processors,
                              RebuildSwap swap, EventProcessingConfiguration processing, Clock clock,
                              @Value("${maintenance.rebuild.poll-interval:1s}") Duration pollInterval,
                              @Value("${maintenance.rebuild.swap-lag:50}") long swapLag) {
        this.dsl = dsl;
        this.transaction = new TransactionTemplate(transactions);
        this.tokenStore = tokenStore;
        this.eventStore = eventStore;
        this.progress = progress;
        this.processors = processors;
        this.swap = swap;
        this.processing = processing;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.swapLag = swapLag;
    }

    /**
     * A rebuild as the API shows it. {@code eventsDone}: the lowest position over the rebuild's segments
     * (capped at {@code eventsTotal}, the head when it was asked); {@code eventsPerSecond} and
     * {@code etaSeconds} are averages since it started (null before).
     */
    public record Rebuild(UUID id, String group, String status, String requestedBy, Instant requestedAt,
                          long targetPosition, long eventsDone, long eventsTotal, double progressPercent,
                          Double eventsPerSecond, Long etaSeconds, Instant startedAt, Instant finishedAt,
                          String error) {
    }

    /** Starts a rebuild of {@code group}: 404 for an unknown read model, 409 REBUILD_IN_PROGRESS if one runs. */
    public Rebuild request(String group, Actor actor) {
        requireKnown(group);
        UUID id = UUID.randomUUID();
        try {
            transaction.executeWithoutResult(tx -> {
                long head = progress.head();
                dsl.execute("INSERT INTO projection_rebuild (id, processing_group, status, requested_by, requested_at, "
                                + "target_position, events_total) VALUES (?::uuid, ?, 'REQUESTED', ?, ?::timestamptz, ?, ?)", id, group,
                        actor.userId().value(), now(), head, head);
                cleanUp(group);
                for (Table<?> table : ReadModels.tables(group)) {
                    dsl.execute("CREATE TABLE " + ReadModels.shadow(table) + " (LIKE " + table.getName()
                            + " INCLUDING ALL)");
                }
                TrackingToken start = ReplayToken.createReplayToken(eventStore.createHeadToken());
                tokenStore.initializeTokenSegments(ReadModels.rebuildProcessor(group),
                        processors.segmentCount(), start);
            });
        } catch (DuplicateKeyException inProgress) {
            throw inProgress(group);
        }
        log.warn("Rebuild {} of read model {} requested by {}: building into {} while the live model keeps serving",
                id, group, actor.userId().value(), ReadModels.tables(group).stream().map(ReadModels::shadow).toList());
        return find(group).orElseThrow();
    }

    /** The latest rebuild of {@code group} (any status), if any. */
    public Optional<Rebuild> find(String group) {
        requireKnown(group);
        return Optional.ofNullable(dsl.fetchOne("SELECT * FROM projection_rebuild WHERE processing_group = ? "
                + "ORDER BY requested_at DESC, id LIMIT 1", group)).map(this::rebuild);
    }

    /** The rebuild of {@code group} in progress, if any. */
    public Optional<Rebuild> active(String group) {
        return find(group).filter(r -> ACTIVE.contains(r.status()));
    }

    /**
     * Cancels the rebuild of {@code group} in progress: 404 if there is none, 409 REBUILD_IN_PROGRESS once it
     * is swapping (too late: it is about to be the live model).
     */
    public synchronized Rebuild cancel(String group, Actor actor) {
        requireKnown(group);
        Rebuild cancelled = transaction.execute(tx -> {
            Record row = dsl.fetchOne("SELECT * FROM projection_rebuild WHERE processing_group = ? AND status IN "
                    + "('REQUESTED', 'BUILDING', 'SWAPPING') FOR UPDATE", group);
            if (row == null) {
                throw DomainException.rule(ErrorCode.NOT_FOUND, "No rebuild of " + group + " in progress");
            }
            if ("SWAPPING".equals(row.get("status", String.class))) {
                throw DomainException.rule(ErrorCode.REBUILD_IN_PROGRESS, "The rebuild of " + group
                        + " is being swapped in; it can no longer be cancelled");
            }
            dsl.execute("UPDATE projection_rebuild SET status = 'CANCELLED', finished_at = ?::timestamptz, error = ? WHERE id = ?::uuid",
                    now(), "cancelled by " + actor.userId().value(), row.get("id", UUID.class));
            return rebuild(dsl.fetchOne("SELECT * FROM projection_rebuild WHERE id = ?::uuid", row.get("id", UUID.class)));
        });
        stopLocal(group);
        transaction.executeWithoutResult(tx -> cleanUp(group));
        log.warn("Rebuild of read model {} cancelled by {}; the live model is untouched", group,
                actor.userId().value());
        return cancelled;
    }

    /** Drops what a rebuild of {@code group} leaves: the copies, the rebuild processor's tokens and letters. */
    private void cleanUp(String group) {
        for (Table<?> table : ReadModels.tables(group)) {
            dsl.execute("DROP TABLE IF EXISTS " + ReadModels.shadow(table));
        }
        String processor = ReadModels.rebuildProcessor(group);
        dsl.execute("DELETE FROM token_entry WHERE processor_name = ?", processor);
        dsl.execute("DELETE FROM dead_letter_entry WHERE processing_group = ?", processor);
    }

    /** One poll of this node: run, record, hand over to the swap, stop, as the rows say. */
    synchronized void poll() {
        List<Record> rows;
        try {
            rows = dsl.fetch("SELECT * FROM projection_rebuild WHERE status IN ('REQUESTED', 'BUILDING', 'SWAPPING')");
        } catch (RuntimeException unreachable) {
            log.debug("Rebuilds not polled: {}", unreachable.toString());
            return;
        }
        // a rebuild this node saw in progress and that another node swapped in: resume G here from its new tokens
        for (Map.Entry<UUID, String> known : List.copyOf(seen.entrySet())) {
            if (rows.stream().noneMatch(r -> known.getKey().equals(r.get("id", UUID.class)))) {
                seen.remove(known.getKey());
                if ("DONE".equals(dsl.fetchValue("SELECT status FROM projection_rebuild WHERE id = ?::uuid", known.getKey()))) {
                    resumeLive(known.getValue());
                }
            }
        }
        for (Record row : rows) {
            String group = row.get("processing_group", String.class);
            UUID id = row.get("id", UUID.class);
            seen.put(id, group);
            try {
                switch (row.get("status", String.class)) {
                    case "REQUESTED", "BUILDING" -> build(id, group, row);
                    case "SWAPPING" -> {
                        stopLocal(group);
                        swapAndResume(id, group);
                    }
                    default -> { }
                }
            } catch (RuntimeException e) {
                log.warn("Rebuild {} of {}: {}", id, group, e.toString());
                recordError(id, e);
            }
        }
        running.keySet().stream().filter(group -> rows.stream().noneMatch(r ->
                group.equals(r.get("processing_group", String.class))
                        && !"SWAPPING".equals(r.get("status", String.class)))).toList().forEach(this::stopLocal);
    }

    private void build(UUID id, String group, Record row) {
        RebuildProcessor processor = running.computeIfAbsent(group, g -> processors.start(g, error -> recordError(id, error)));
        if ("REQUESTED".equals(row.get("status", String.class))) {
            dsl.execute("UPDATE projection_rebuild SET status = 'BUILDING', started_at = ?::timestamptz "
                    + "WHERE id = ?::uuid AND status = 'REQUESTED'", now(), id);
        }
        long head = progress.head();
        Long lowest = processor.lowestPosition();
        if (lowest == null) {
            return;
        }
        long target = row.get("target_position", Long.class);
        dsl.execute("UPDATE projection_rebuild SET events_done = ? WHERE id = ?::uuid AND status = 'BUILDING'",
                Math.min(lowest, target), id);
        // an empty store (target 0) has nothing to read: its rebuild is caught up at once. Caught up = within
        // swap-lag events of the head, or of the live processor of the same group: a processor's position moves
        // by the events it handles, and only now and then for the others, so under a steady stream of events the
        // group does not handle (tickets, for the contract read model) neither the live processor nor the
        // rebuild is ever within a few events of the head; the rebuild has caught up once it is where live is
        if ((lowest >= target || target == 0) && (lowest >= head - swapLag || lowest >= livePosition(group, head) - swapLag)) {
            int moved = dsl.execute("UPDATE projection_rebuild SET status = 'SWAPPING', events_done = events_total "
                    + "WHERE id = ?::uuid AND status = 'BUILDING'", id);
            if (moved == 1) {
                log.info("Rebuild {} of {} caught up (position {}, head {}): swapping", id, group, lowest, head);
                stopLocal(group);
                swapAndResume(id, group);
            }
        }
    }

    /** The lowest position over the live processor's segments of {@code group}; the head when one is unknown. */
    private long livePosition(String group, long head) {
        return progress.group(group, head).segments().stream()
                .mapToLong(segment -> segment.position() == null ? head : segment.position())
                .min().orElse(head);
    }

    /**
     * Swaps the rebuild in once every node released its segments. G's processor here is stopped around the
     * swap (a few milliseconds), so that it never shows, nor serves X-Min-Position from, the positions of the
     * old tables: it starts again from the rebuild's tokens.
     */
    private void swapAndResume(UUID id, String group) {
        if (!swap.released(group)) {
            return;
        }
        Optional<StreamingEventProcessor> live = processing.eventProcessor(group, StreamingEventProcessor.class);
        live.ifPresent(StreamingEventProcessor::shutDown);
        try {
            if (swap.trySwap(id, group)) {
                seen.remove(id);
            }
        } finally {
            live.ifPresent(StreamingEventProcessor::start);
        }
    }

    /**
     * Restarts G's live processor on this node: its segments' in-memory positions are those of the old
     * tables, and it would otherwise notice only at its next claim extension that its tokens were replaced
     * (its claims are gone, so it cannot store anything meanwhile). It claims them again, from the rebuild's
     * positions, and applies the events after them to the new tables.
     */
    private void resumeLive(String group) {
        processing.eventProcessor(group, StreamingEventProcessor.class).ifPresent(processor -> {
            log.info("Read model {} swapped in: its processor resumes from the rebuild's tokens", group);
            processor.shutDown();
            processor.start();
        });
    }

    private void recordError(UUID id, Throwable error) {
        try {
            String message = String.valueOf(error.getMessage());
            dsl.execute("UPDATE projection_rebuild SET error = ? WHERE id = ?::uuid",
                    message.length() > 1000 ? message.substring(0, 1000) : message, id);
        } catch (RuntimeException ignored) {
            log.debug("Could not record the error of rebuild {}: {}", id, ignored.toString());
        }
    }

    private void stopLocal(String group) {
        RebuildProcessor processor = running.remove(group);
        if (processor != null) {
            processor.stop();
        }
    }

    /** The rebuild processor of {@code group} running on this node, if any. */
    Optional<RebuildProcessor> local(String group) {
        return Optional.ofNullable(running.get(group));
    }

    private Rebuild rebuild(Record row) {
        long done = row.get("events_done", Long.class);
        long total = row.get("events_total", Long.class);
        Instant started = instant(row.get("started_at", OffsetDateTime.class));
        Instant finished = instant(row.get("finished_at", OffsetDateTime.class));
        String status = row.get("status", String.class);
        Double rate = null;
        Long eta = null;
        if (started != null) {
            double seconds = Math.max(0.001, Duration.between(started, finished != null ? finished : clock.instant())
                    .toMillis() / 1000.0);
            rate = Math.round(done / seconds * 10) / 10.0;
            if (ACTIVE.contains(status)) {
                eta = rate > 0 ? (long) Math.ceil((total - done) / rate) : null;
            }
        }
        double percent = total == 0 ? 100.0 : Math.floor(1000.0 * done / total) / 10.0;
        return new Rebuild(row.get("id", UUID.class), row.get("processing_group", String.class), status,
                row.get("requested_by", String.class), instant(row.get("requested_at", OffsetDateTime.class)),
                row.get("target_position", Long.class), done, total, percent, rate, eta, started, finished,
                row.get("error", String.class));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static void requireKnown(String group) {
        if (!Projections.ALL.contains(group)) {
            throw ProjectionOperations.unknown(group);
        }
    }

    static DomainException inProgress(String group) {
        return DomainException.rule(ErrorCode.REBUILD_IN_PROGRESS, "A rebuild of " + group
                + " is in progress: follow GET /api/v1/admin/projections/" + group + "/rebuild, or cancel it");
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuilds");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        poller = executor;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Rebuild poll failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = poller;
        poller = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List.copyOf(running.keySet()).forEach(this::stopLocal);
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Starts after, and stops before, Axon's processors and the database. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}

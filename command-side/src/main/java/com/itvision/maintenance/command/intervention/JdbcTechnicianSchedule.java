package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.command.directory.DirectoryLookupUpdater;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCancelled;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionCorrected;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link TechnicianSchedule} over {@code technician_interval} (V7), and the subscribing handler that
 * keeps it in the events' transaction. The check takes a transaction-scoped advisory lock per technician:
 * a concurrent recording for the same technician waits for the first to commit, then sees its interval.
 * Cancelling takes no lock: freeing an interval can never make another one overlap.
 */
@Component
@ProcessingGroup(DirectoryLookupUpdater.GROUP)
class JdbcTechnicianSchedule implements TechnicianSchedule {
    private static final int LOCK_NAMESPACE = 0x5449; // "TI"

    private final JdbcClient jdbc;

    JdbcTechnicianSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Interval> overlapping(UserId technician, Instant start, Instant end, InterventionId excluding) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
                .params(LOCK_NAMESPACE, technician.value())
                .query((rs, n) -> 1).list();
        return jdbc.sql("""
                        SELECT intervention_id, started_at, ended_at FROM technician_interval
                        WHERE technician_id = ? AND intervention_id <> ? AND started_at < ? AND ended_at > ?
                        ORDER BY started_at""")
                .params(technician.value(), excluding.value(), at(end), at(start))
                .query((rs, n) -> new Interval(InterventionId.of(rs.getString(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    @EventHandler
    void on(InterventionRecorded e) {
        jdbc.sql("""
                        INSERT INTO technician_interval (intervention_id, technician_id, started_at, ended_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT (intervention_id) DO NOTHING""")
                .params(e.interventionId().value(), e.technicianId().value(), at(e.startedAt()), at(e.endedAt()))
                .update();
    }

    @EventHandler
    void on(InterventionCorrected e) {
        jdbc.sql("UPDATE technician_interval SET started_at = ?, ended_at = ? WHERE intervention_id = ?")
                .params(at(e.startedAt()), at(e.endedAt()), e.interventionId().value())
                .update();
    }

    @EventHandler
    void on(InterventionCancelled e) {
        jdbc.sql("DELETE FROM technician_interval WHERE intervention_id = ?")
                .param(e.interventionId().value())
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

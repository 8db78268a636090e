package com.itvision.maintenance.app.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V7 fills {@code technician_interval} from the interventions a store already holds; from then on the
 * subscribing handler keeps it. Both must agree: the migration's backfill, run again into a temporary table
 * over interventions recorded, corrected and cancelled through the API, gives exactly the rows the handler
 * wrote for them, and it reads old payloads PostgreSQL cannot turn into text as they are.
 */
class TechnicianScheduleBackfillTest extends ChainTestSupport {
    private static final String MIGRATION = "db/migration/V7__technician_schedule.sql";
    private static final String BACKFILL_START = "WITH intervention_event AS";

    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private EventStorageEngine storage;

    /** The migration's own backfill statement, writing into {@code pg_temp.backfill} instead. */
    private static String backfillInto(String table) throws IOException {
        try (InputStream script = TechnicianScheduleBackfillTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(script).as(MIGRATION).isNotNull();
            String sql = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sql).contains(BACKFILL_START, "INSERT INTO technician_interval ");
            return sql.substring(sql.indexOf(BACKFILL_START)).replace("INSERT INTO technician_interval ",
                    "INSERT INTO " + table + " ");
        }
    }

    private List<Map<String, Object>> rows(String table, List<String> ids) {
        return jdbc.sql("SELECT intervention_id, technician_id, started_at, ended_at FROM " + table
                        + " WHERE intervention_id IN (:ids) ORDER BY intervention_id")
                .param("ids", ids).query().listOfRows();
    }

    @Test
    void the_migrations_backfill_gives_the_rows_the_subscribing_handler_keeps() throws IOException {
        String recorded = recordIntervention(issueBillet(coveredTicket()));
        String corrected = recordIntervention(issueBillet(coveredTicket()));
        String cancelled = recordIntervention(issueBillet(coveredTicket()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(api.as("admin").post("/api/v1/interventions/" + corrected + "/correct", Map.of(
                "startedAt", now.minus(Duration.ofMinutes(140)).toString(),
                "endedAt", now.minus(Duration.ofMinutes(110)).toString(),
                "hoursSpent", 0.5, "reason", "Heure de début mal saisie")).status()).isEqualTo(200);
        assertThat(api.as("admin").post("/api/v1/interventions/" + cancelled + "/cancel",
                Map.of("reason", "Saisie en double")).status()).isEqualTo(200);
        // an intervention an old store holds with a NUL and a lone surrogate in its description
        InterventionId imported = InterventionId.random();
        Instant start = now.minus(Duration.ofDays(30));
        new TransactionTemplate(transactions).executeWithoutResult(status -> storage.appendEvents(List.of(
                new GenericDomainEventMessage<>("Intervention", imported.value(), 0, new InterventionRecorded(imported,
                        BilletId.random(), TicketId.random(), ClientId.of("client-a"), UserId.of(TECH),
                        "Importée\u0000 \ud800", start, start.plusSeconds(3600), BigDecimal.ONE, null, null, false,
                        "NOT_COVERED", null, false, null, Actor.SYSTEM, start)))));
        List<String> ids = List.of(recorded, corrected, cancelled, imported.value());
        String backfill = backfillInto("pg_temp.backfill");

        List<Map<String, Object>> replayed = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("CREATE TEMPORARY TABLE backfill (LIKE technician_interval) ON COMMIT DROP").update();
            jdbc.sql(backfill).update();
            return rows("pg_temp.backfill", ids);
        });

        List<Map<String, Object>> kept = rows("technician_interval", ids);
        assertThat(kept).extracting(row -> row.get("intervention_id")).containsExactlyInAnyOrder(recorded, corrected);
        assertThat(replayed).filteredOn(row -> !imported.value().equals(row.get("intervention_id"))).isEqualTo(kept);
        assertThat(replayed).filteredOn(row -> imported.value().equals(row.get("intervention_id")))
                .singleElement().satisfies(row -> assertThat(row.get("technician_id")).isEqualTo(TECH));
    }
}

package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.chain.ChainTestSupport;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.BilletId;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.TicketId;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.intervention.InterventionEvent.InterventionRecorded;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V21 fills {@code audit_lineage} and {@code audit_quota_decision} from the events a store already holds;
 * from then on the subscribing handler keeps them. Both must agree: the migration's own backfill
 * statements, run again into temporary tables over a chain made through the API (billets, interventions,
 * a quota consumed, a refusal, a refund), give exactly the rows the handler wrote, and they read an old
 * payload PostgreSQL cannot turn into text.
 */
class AuditLineageBackfillTest extends ChainTestSupport {
    private static final String MIGRATION = "db/migration/V21__audit_reads.sql";
    private static final String BACKFILL_START = "WITH chain_event AS";

    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private EventStorageEngine storage;

    private static String backfill() throws IOException {
        try (InputStream script = AuditLineageBackfillTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(script).as(MIGRATION).isNotNull();
            String sql = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sql).contains(BACKFILL_START, "INSERT INTO audit_lineage ", "INSERT INTO audit_quota_decision ",
                    "FROM audit_lineage l");
            return sql.substring(sql.indexOf(BACKFILL_START))
                    .replace("INSERT INTO audit_lineage ", "INSERT INTO pg_temp.lineage ")
                    .replace("INSERT INTO audit_quota_decision ", "INSERT INTO pg_temp.decision ")
                    .replace("FROM audit_lineage l", "FROM pg_temp.lineage l");
        }
    }

    private List<Map<String, Object>> lineage(String table, List<String> roots) {
        return jdbc.sql("SELECT root_id, child_id, child_type FROM " + table + " WHERE root_id IN (:roots) ORDER BY 1, 2")
                .param("roots", roots).query().listOfRows();
    }

    private List<Map<String, Object>> decisions(String table, String contractId) {
        return jdbc.sql("SELECT event_id, contract_id, intervention_id, ticket_id FROM " + table
                        + " WHERE contract_id = ? ORDER BY 1")
                .param(contractId).query().listOfRows();
    }

    @Test
    void the_migrations_backfill_gives_the_rows_the_subscribing_handler_keeps() throws IOException {
        String clientId = newClient();
        String projectId = newProject(clientId);
        String contractId = activeContract(clientId, projectId, "PREVENTIVE", 1);
        String first = openTicket("lead", projectId, contractId);
        String second = openTicket("lead", projectId, contractId);
        String consumed = recordIntervention(issueBillet(first));
        issueBillet(first);
        recordIntervention(issueBillet(second)); // refused: the quota of 1 is used
        assertThat(api.as("admin").post("/api/v1/interventions/" + consumed + "/cancel",
                Map.of("reason", "Saisie en double")).status()).isEqualTo(200); // refunded
        // an intervention an old store holds with a NUL and a lone surrogate in its description
        InterventionId imported = InterventionId.random();
        TicketId importedTicket = TicketId.random();
        Instant start = clock.instant().minus(Duration.ofDays(30));
        new TransactionTemplate(transactions).executeWithoutResult(status -> storage.appendEvents(List.of(
                new GenericDomainEventMessage<>("Intervention", imported.value(), 0, new InterventionRecorded(imported,
                        BilletId.random(), importedTicket, ClientId.of("client-a"), UserId.of(TECH),
                        "Importée\u0000 \ud800", start, start.plusSeconds(3600), BigDecimal.ONE, null, null, false,
                        "NOT_COVERED", null, false, null, Actor.SYSTEM, start)))));
        // the audit log reads such a payload too, even through its time filter
        com.itvision.maintenance.app.support.Api.Response log = api.as("auditor").get("/api/v1/audit/log?from="
                + start.minusSeconds(1) + "&to=" + start.plusSeconds(1) + "&eventType=InterventionRecorded");
        assertThat(log.status()).as("%s", log).isEqualTo(200);
        assertThat(log.json().path("entries").valueStream().map(e -> e.path("aggregateId").asString()))
                .contains(imported.value());
        List<String> roots = List.of(first, second, importedTicket.value());
        String backfill = backfill();

        Map<String, List<Map<String, Object>>> replayed = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("CREATE TEMPORARY TABLE lineage (LIKE audit_lineage INCLUDING ALL) ON COMMIT DROP").update();
            jdbc.sql("CREATE TEMPORARY TABLE decision (LIKE audit_quota_decision INCLUDING ALL) ON COMMIT DROP").update();
            for (String statement : backfill.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
            return Map.of("lineage", lineage("pg_temp.lineage", roots), "decisions", decisions("pg_temp.decision", contractId));
        });

        List<Map<String, Object>> kept = lineage("audit_lineage", roots);
        assertThat(kept).extracting(r -> r.get("child_type")).containsExactlyInAnyOrder("BILLET", "BILLET",
                "INTERVENTION", "BILLET", "INTERVENTION");
        assertThat(replayed.get("lineage")).filteredOn(r -> !importedTicket.value().equals(r.get("root_id")))
                .isEqualTo(kept);
        assertThat(replayed.get("lineage")).filteredOn(r -> importedTicket.value().equals(r.get("root_id")))
                .singleElement().satisfies(r -> assertThat(r.get("child_id")).isEqualTo(imported.value()));

        List<Map<String, Object>> decided = decisions("audit_quota_decision", contractId);
        assertThat(decided).hasSize(3).allSatisfy(r -> assertThat(r.get("ticket_id")).isIn(first, second));
        assertThat(replayed.get("decisions")).isEqualTo(decided);
    }
}

package com.itvision.maintenance.app.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.command.contract.CoverageTerms;
import com.itvision.maintenance.command.contract.JdbcContractRegistry;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.RefundInterventionQuota;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * V24's command-side lookups (ADR 0019): what the subscribing handlers keep is what the Contract aggregate
 * decides (coverage on a day, terms revision and SLA terms), and the migration's backfill, replayed over the
 * whole store in a rolled-back transaction, gives exactly the rows the handlers wrote.
 */
class ContractLookupBackfillTest extends IntegrationTest {
    private static final String MIGRATION = "db/migration/V24__command_path_lookups.sql";
    private static final String REGISTRY = """
            SELECT contract_id, status, revision, sla_hours, support_hours, time_zone, coverage_ends_before
            FROM contract_registry ORDER BY contract_id""";
    private static final String PERIODS = "SELECT * FROM contract_period ORDER BY contract_id, period_index";
    private static final String CONSUMPTIONS = "SELECT * FROM quota_consumption ORDER BY contract_id, intervention_id";

    @Autowired
    private CommandGateway commands;
    @Autowired
    private JdbcContractRegistry registry;
    @Autowired
    private PlatformTransactionManager transactions;

    private static List<String> backfillStatements() throws IOException {
        try (InputStream script = ContractLookupBackfillTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(script).as(MIGRATION).isNotNull();
            String sql = new String(script.readAllBytes(), StandardCharsets.UTF_8);
            String section = sql.substring(sql.indexOf("-- BACKFILL"), sql.indexOf("-- END BACKFILL"));
            return Arrays.stream(section.split(";\n")).map(String::strip)
                    .map(s -> s.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + "\n" + b))
                    .filter(s -> !s.isBlank()).toList();
        }
    }

    private Api.Response post(String path, Object body) {
        Api.Response response = api.as("admin").post(path, body);
        assertThat(response.status()).as("%s %s", path, response).isEqualTo(200);
        return response;
    }

    private List<String> contractsInEveryShape() {
        LocalDate today = LocalDate.now(clock);
        Fixtures fx = new Fixtures(api);
        Actor tech = Actor.of("user-tech", Role.TECHNICIAN);
        String amended = fx.active(today);
        post("/api/v1/contracts/" + amended + "/amend", Map.of("slaHours", 8, "supportHours", "ALWAYS",
                "reason", "Astreinte 24/7"));
        for (String intervention : List.of("i-1", "i-2", "i-3")) {
            commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(amended), intervention, tech));
        }
        commands.sendAndWait(new RefundInterventionQuota(ContractId.of(amended), "i-2", "Doublon", tech));
        commands.sendAndWait(new RefundInterventionQuota(ContractId.of(amended), "i-3", "Doublon", tech));
        commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(amended), "i-3", tech));

        String noticeFromActive = fx.active(today);
        post("/api/v1/contracts/" + noticeFromActive + "/terminate", Map.of("category", "PRICE",
                "reason", "Trop cher", "effectiveDate", today.plusDays(10).toString()));
        String fromSuspended = fx.active(today);
        post("/api/v1/contracts/" + fromSuspended + "/suspend", Map.of("reason", "Impayé"));
        post("/api/v1/contracts/" + fromSuspended + "/terminate", Map.of("category", "OTHER",
                "reason", "Impayé", "effectiveDate", today.plusDays(10).toString()));
        String resumedThenTerminated = fx.active(today);
        post("/api/v1/contracts/" + resumedThenTerminated + "/suspend", Map.of("reason", "Impayé"));
        post("/api/v1/contracts/" + resumedThenTerminated + "/resume", Map.of("reason", "Payé"));
        post("/api/v1/contracts/" + resumedThenTerminated + "/terminate", Map.of("category", "OTHER",
                "reason", "Fin", "effectiveDate", today.plusDays(5).toString()));
        String renewed = fx.active(today);
        post("/api/v1/contracts/" + renewed + "/renew", Map.of("reason", "Reconduction"));
        String draft = fx.draft(today.minusDays(3), today.plusMonths(6));
        return List.of(amended, noticeFromActive, fromSuspended, resumedThenTerminated, renewed, draft);
    }

    @Test
    void the_lookup_answers_what_the_aggregate_decides() {
        LocalDate today = LocalDate.now(clock);
        for (String id : contractsInEveryShape()) {
            JsonNode contract = new Fixtures(api).get(id).json();
            CoverageTerms terms = registry.coverageOn(ContractId.of(id), today).orElseThrow();
            assertThat(terms.active()).as("active %s (%s)", id, contract.path("status")).isEqualTo(
                    contract.path("active").asBoolean());
            assertThat(terms.revision()).as("revision %s", id).isEqualTo(contract.path("revision").asInt());
            assertThat(terms.slaHours()).isEqualTo(contract.path("terms").path("slaHours").asInt());
            assertThat(terms.supportHours().name()).isEqualTo(contract.path("terms").path("supportHours").asString());
            assertThat(terms.timeZone().getId()).isEqualTo(contract.path("terms").path("timeZone").asString());
            assertThat(terms.clientId().value()).isEqualTo(contract.path("clientId").asString());
            for (LocalDate day : List.of(today.plusDays(4), today.plusDays(7), today.plusYears(1))) {
                assertThat(registry.coverageOn(ContractId.of(id), day).orElseThrow().active())
                        .as("%s on %s", id, day).isEqualTo(activeOn(id, day));
            }
        }
        assertThat(registry.coverageOn(ContractId.of("no-such-contract"), today)).isEmpty();
    }

    /** The aggregate's own answer for another day: the state read with the clock moved there. */
    private boolean activeOn(String id, LocalDate day) {
        clock.set(day.atTime(12, 0).atZone(java.time.ZoneOffset.UTC).toInstant());
        try {
            return new Fixtures(api).get(id).json().path("active").asBoolean();
        } finally {
            clock.reset();
        }
    }

    @Test
    void the_migrations_backfill_gives_the_rows_the_subscribing_handlers_keep() throws IOException {
        List<String> ids = contractsInEveryShape();
        List<Map<String, Object>> registryRows = jdbc.sql(REGISTRY).query().listOfRows();
        List<Map<String, Object>> periodRows = jdbc.sql(PERIODS).query().listOfRows();
        List<Map<String, Object>> consumptionRows = jdbc.sql(CONSUMPTIONS).query().listOfRows();
        assertThat(consumptionRows).filteredOn(row -> row.get("contract_id").equals(ids.getFirst()))
                .extracting(row -> row.get("intervention_id")).containsExactly("i-1", "i-3");
        assertThat(periodRows).filteredOn(row -> row.get("contract_id").equals(ids.get(4))).hasSize(2);
        List<String> backfill = backfillStatements();
        assertThat(backfill).hasSize(5);

        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        rolledBack.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM quota_consumption").update();
            jdbc.sql("DELETE FROM contract_period").update();
            jdbc.sql("UPDATE contract_registry SET revision = -1, sla_hours = -1, support_hours = '?', "
                    + "time_zone = '?', coverage_ends_before = DATE '1900-01-01'").update();
            jdbc.sql("UPDATE contract_registry SET coverage_ends_before = NULL").update();
            backfill.forEach(statement -> jdbc.sql(statement).update());

            assertThat(jdbc.sql(REGISTRY).query().listOfRows()).isEqualTo(registryRows);
            assertThat(jdbc.sql(PERIODS).query().listOfRows()).isEqualTo(periodRows);
            assertThat(jdbc.sql(CONSUMPTIONS).query().listOfRows()).isEqualTo(consumptionRows);
            status.setRollbackOnly();
        });
    }
}

package com.itvision.maintenance.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.command.support.CommandReceipt;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.contract.ContractCommands.ConsumeInterventionQuota;
import com.itvision.maintenance.kernel.contract.ContractCommands.QuotaDecision;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A long-lived contract is snapshotted (every 50 events) and a contract rebuilt from its snapshot
 * plus the later events has exactly the state of one rebuilt from all events.
 */
class ContractSnapshotTest extends IntegrationTest {
    private static final int INTERVENTIONS = 60;

    @Autowired
    private CommandGateway commands;

    @Test
    void a_contract_with_many_events_is_snapshotted_and_still_reads_the_right_usage() {
        LocalDate today = LocalDate.now(clock);
        Fixtures fx = new Fixtures(api);
        Fixtures.Owner owner = fx.owner();
        Map<String, Object> body = Fixtures.maintenance(owner.clientId(), owner.projectId(), today.minusMonths(1),
                today.plusMonths(11));
        body.remove("interventionsIncluded");
        String id = fx.contract("admin", body);
        fx.activate(id);
        Actor tech = Actor.of("user-tech", Role.TECHNICIAN);

        for (int i = 0; i < INTERVENTIONS; i++) {
            Object reply = commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(id), "intervention-" + i, tech));
            assertThat(reply).isInstanceOf(CommandReceipt.class);
            assertThat(((CommandReceipt) reply).result()).isInstanceOfSatisfying(QuotaDecision.class,
                    decision -> assertThat(decision.consumed()).isTrue());
        }
        // the same intervention again consumes nothing (idempotent), also when loaded from the snapshot
        commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(id), "intervention-0", tech));

        long snapshots = jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single();
        assertThat(snapshots).as("snapshot rows of %s", id).isPositive();
        long version = 1 + INTERVENTIONS;
        assertThat(jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single()).isEqualTo(version);

        Api.Response read = fx.get(id);
        JsonNode view = read.json();
        assertThat(view.path("version").asLong()).isEqualTo(version);
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.path("periods")).hasSize(1);
        assertThat(view.path("periods").path(0).path("used").asInt()).isEqualTo(INTERVENTIONS);
        assertThat(view.path("terms").path("timeZone").asString()).isEqualTo("Africa/Abidjan");
        assertThat(view.path("terms").path("annualPrice").path("amountMinor").asLong()).isEqualTo(1_200_000);

        // and the snapshotted aggregate keeps handling commands
        Api.Response suspended = api.as("admin").header("If-Match", String.valueOf(version))
                .post("/api/v1/contracts/" + id + "/suspend", Map.of("reason", "after snapshot"));
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.json().path("version").asLong()).isEqualTo(version + 1);
    }
}

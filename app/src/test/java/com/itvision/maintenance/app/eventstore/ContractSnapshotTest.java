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
import com.itvision.maintenance.command.contract.Contract;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A long-lived contract is snapshotted (every 50 events) and a contract rebuilt from its snapshot
 * plus the later events has exactly the state of one rebuilt from all events. Its snapshot stays small
 * (the ledger counts, ADR 0019), and a snapshot of the old shape (revision 1, listing every consuming
 * intervention) is ignored rather than misread.
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

    private String contractWithConsumptions(int count) {
        LocalDate today = LocalDate.now(clock);
        Fixtures fx = new Fixtures(api);
        Fixtures.Owner owner = fx.owner();
        Map<String, Object> body = Fixtures.maintenance(owner.clientId(), owner.projectId(), today.minusMonths(1),
                today.plusMonths(11));
        body.remove("interventionsIncluded");
        String id = fx.contract("admin", body);
        fx.activate(id);
        Actor tech = Actor.of("user-tech", Role.TECHNICIAN);
        for (int i = 0; i < count; i++) {
            commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(id), "intervention-" + i, tech));
        }
        return id;
    }

    @Test
    void the_snapshot_does_not_grow_with_the_interventions_and_an_old_shape_snapshot_is_ignored() {
        String id = contractWithConsumptions(INTERVENTIONS);
        Map<String, Object> snapshot = jdbc.sql("""
                        SELECT sequence_number, type, payload_revision, payload, meta_data FROM snapshot_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                .param(id).query().singleRow();
        assertThat(snapshot.get("payload_revision")).isEqualTo("2");
        String json = new String((byte[]) snapshot.get("payload"), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("intervention-").hasSizeLessThan(4_000);

        // what a store written before revision 2 holds: the state after the last event (so that no later event
        // sets the period's usage again), with the ledger listing each consumer instead of counting them
        long sequence = 1 + INTERVENTIONS;
        ObjectNode old = (ObjectNode) Api.JSON.readTree(json);
        ObjectNode entry = (ObjectNode) old.path("periods").path("entries").path(0);
        entry.remove("used");
        ObjectNode consumedBy = entry.putObject("consumedBy");
        for (int i = 0; i < INTERVENTIONS; i++) {
            consumedBy.putObject("intervention-" + i).put("contractRevision", 1).put("usedAfter", i + 1)
                    .putNull("included");
        }
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?").param(id).update();
        jdbc.sql("""
                        INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                          time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)""")
                .params(id, sequence, snapshot.get("type"), UUID.randomUUID().toString(), clock.instant().toString(),
                        Contract.class.getName(), Api.JSON.writeValueAsBytes(old), snapshot.get("meta_data"))
                .update();

        // the aggregate, loaded by its repository, decides from the right count (an old snapshot read as the new
        // shape would count 0)
        Object reply = commands.sendAndWait(new ConsumeInterventionQuota(ContractId.of(id), "intervention-new",
                Actor.of("user-tech", Role.TECHNICIAN)));
        assertThat(((QuotaDecision) ((CommandReceipt) reply).result()).consumed()).isTrue();
        assertThat(jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'used' FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""")
                .param(id).query(String.class).single()).isEqualTo(String.valueOf(INTERVENTIONS + 1));
    }
}

package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.admin.AdminCli;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Tampering with the event store by SQL, as someone with write access to the database would, is detected by
 * GET /api/v1/audit/verify and by the offline verifier over GET /api/v1/audit/export. Each test restores the rows it
 * changed (the store is shared with the other tests) and proves the store intact again.
 */
class TamperEvidenceTest extends IntegrationTest {
    @Autowired
    AuditSealer sealer;
    @TempDir
    Path dir;

    /** A contract's events: an aggregate with several events, the test's own. */
    private String aggregate;

    @BeforeEach
    void anAggregateWithSeveralEventsAllSealed() throws Exception {
        String name = "Tamper " + UUID.randomUUID();
        Api.Response client = api.as("admin").post("/api/v1/clients", Map.of("name", name));
        assertThat(client.status()).isEqualTo(201);
        aggregate = client.json().path("id").asString();
        // two more events of other aggregates after it, so the tampered one is never the last
        api.as("admin").post("/api/v1/clients", Map.of("name", name + " b"));
        api.as("admin").post("/api/v1/clients", Map.of("name", name + " c"));
        sealer.sealAvailable();
        assertIntact();
    }

    private long position(String aggregateId, long seq) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(aggregateId, seq).query(Long.class).single();
    }

    /** An event in the middle of the store: some event with a successor in its own aggregate. */
    private long middleEvent() {
        return jdbc.sql("""
                SELECT e.global_index FROM domain_event_entry e
                  JOIN domain_event_entry n ON n.aggregate_identifier = e.aggregate_identifier
                                           AND n.sequence_number = e.sequence_number + 1
                 WHERE e.sequence_number > 0 ORDER BY e.global_index LIMIT 1""").query(Long.class).single();
    }

    @Test
    void one_payload_byte_edited() throws Exception {
        long p = position(aggregate, 0);
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?").param(p)
                .query(byte[].class).single();
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = set_byte(payload, 3, (get_byte(payload, 3) + 1) % 256) "
                    + "WHERE global_index = ?").param(p).update();
            assertDetected("PAYLOAD_EDITED", p);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(original, p).update();
        }
        assertIntact();
    }

    @Test
    void metadata_edited() throws Exception {
        long p = position(aggregate, 0);
        byte[] original = jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE global_index = ?").param(p)
                .query(byte[].class).single();
        try {
            // the actor is rewritten: someone else did it
            jdbc.sql("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), "
                    + "'ADMIN', 'TECHNICIAN'), 'UTF8') WHERE global_index = ?").param(p).update();
            assertThat(jdbc.sql("SELECT meta_data <> ? FROM domain_event_entry WHERE global_index = ?")
                    .params(original, p).query(Boolean.class).single()).isTrue();
            assertDetected("METADATA_EDITED", p);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?").params(original, p).update();
        }
        assertIntact();
    }

    @Test
    void an_event_deleted() throws Exception {
        long p = middleEvent();
        Map<String, Object> row = jdbc.sql("""
                SELECT global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data FROM domain_event_entry WHERE global_index = ?""")
                .param(p).query().singleRow();
        try {
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = ?").param(p).update();
            JsonNode broken = verify();
            assertThat(broken.path("firstBroken").path("kind").asString()).as("%s", broken).isEqualTo("EVENT_MISSING");
            assertThat(broken.path("firstBroken").path("globalIndex").asLong()).isGreaterThanOrEqualTo(p);
            assertThat(offline(null)).contains("BROKEN EVENT_MISSING");
        } finally {
            // put it back as it was: the trigger recomputes the same hashes from the same fields
            jdbc.sql("""
                    INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                        type, time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type, :time_stamp,
                            :payload_type, :payload_revision, :payload, :meta_data)""").params(row).update();
        }
        assertIntact();
    }

    @Test
    void two_events_swapped() throws Exception {
        long a = position(aggregate, 0);
        long b = a + 1;
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index = ?").param(b)
                .query(Long.class).single()).isEqualTo(1);
        try {
            swap(a, b);
            assertDetected("ORDER_CHANGED", a);
        } finally {
            swap(a, b);
        }
        assertIntact();
    }

    private void swap(long a, long b) {
        jdbc.sql("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?").param(a).update();
        jdbc.sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?").params(a, b).update();
        jdbc.sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1").param(b).update();
    }

    @Test
    void an_insider_rewrites_an_event_and_recomputes_every_later_hash_and_seal() throws Exception {
        // the auditor kept a checkpoint and the public key, outside the system
        Api.Response created = api.as("auditor").post("/api/v1/audit/checkpoints");
        long checkpoint = created.json().path("id").asLong();
        long signedAt = created.json().path("lastGlobalIndex").asLong();
        Path checkpointFile = Files.writeString(dir.resolve("cp.json"),
                api.as("auditor").get("/api/v1/audit/checkpoints/" + checkpoint).body());
        Path keyFile = Files.writeString(dir.resolve("key.pem"),
                api.as("auditor").get("/api/v1/audit/public-key").json().path("pem").asString());

        long p = position(aggregate, 0);
        List<Map<String, Object>> events = jdbc.sql("""
                SELECT global_index, payload, payload_hash, aggregate_prev_hash, event_hash FROM domain_event_entry
                 WHERE aggregate_identifier = ?""").param(aggregate).query().listOfRows();
        List<Map<String, Object>> seals = jdbc.sql("SELECT global_index, seal_hash FROM event_seal WHERE global_index >= ?")
                .param(p).query().listOfRows();
        try {
            // the insider knows the algorithm (it is in V22) and has write access: edit, then recompute everything
            jdbc.sql("""
                    DO $$
                    DECLARE r record; prev bytea; seal bytea;
                    BEGIN
                      PERFORM pg_advisory_xact_lock(%d);
                      UPDATE domain_event_entry SET payload = set_byte(payload, 3, (get_byte(payload, 3) + 1) %% 256)
                       WHERE global_index = %d;
                      FOR r IN SELECT * FROM domain_event_entry WHERE aggregate_identifier = '%s' ORDER BY sequence_number LOOP
                        UPDATE domain_event_entry SET payload_hash = sha256(payload), aggregate_prev_hash = prev,
                               event_hash = audit_event_hash(prev, sha256(payload), meta_data_hash, type, payload_type,
                                   payload_revision, aggregate_identifier, sequence_number, time_stamp, event_identifier)
                         WHERE global_index = r.global_index RETURNING event_hash INTO prev;
                      END LOOP;
                      SELECT seal_hash INTO seal FROM event_seal WHERE global_index < %d ORDER BY global_index DESC LIMIT 1;
                      FOR r IN SELECT s.global_index, e.event_hash FROM event_seal s
                                 JOIN domain_event_entry e USING (global_index)
                                WHERE s.global_index >= %d ORDER BY s.global_index LOOP
                        seal := audit_seal_hash(seal, r.global_index, r.event_hash);
                        UPDATE event_seal SET seal_hash = seal WHERE global_index = r.global_index;
                      END LOOP;
                    END $$""".formatted(AuditSealer.LOCK_KEY, p, aggregate, p, p)).update();

            // internally consistent now: the aggregate verifies, only the signed checkpoint shows the rewrite
            assertThat(api.as("auditor").get("/api/v1/audit/verify?aggregateId=" + aggregate).json()
                    .path("intact").asBoolean()).isTrue();
            JsonNode broken = verify();
            assertThat(broken.path("firstBroken").path("kind").asString()).as("%s", broken)
                    .isEqualTo("CHAIN_REWRITTEN_AFTER_CHECKPOINT");
            assertThat(broken.path("firstBroken").path("checkpointId").asLong()).isEqualTo(checkpoint);
            assertThat(broken.path("firstBroken").path("globalIndex").asLong()).isEqualTo(signedAt);
            assertThat(api.as("auditor").get("/api/v1/audit/verify?sinceCheckpoint=" + checkpoint).json()
                    .path("firstBroken").path("kind").asString()).isEqualTo("CHAIN_REWRITTEN_AFTER_CHECKPOINT");
            // offline: the export alone looks intact, with the checkpoint kept outside it does not
            assertThat(offline(null)).contains("INTACT");
            assertThat(offline(List.of("--checkpoint", checkpointFile.toString(), "--public-key", keyFile.toString())))
                    .contains("BROKEN CHAIN_REWRITTEN_AFTER_CHECKPOINT").contains("checkpoint " + checkpoint);
        } finally {
            jdbc.sql("SELECT pg_advisory_lock(?)").param(AuditSealer.LOCK_KEY).query().singleRow();
            try {
                for (Map<String, Object> e : events) {
                    jdbc.sql("""
                            UPDATE domain_event_entry SET payload = :payload, payload_hash = :payload_hash,
                                   aggregate_prev_hash = :aggregate_prev_hash, event_hash = :event_hash
                             WHERE global_index = :global_index""").params(e).update();
                }
                for (Map<String, Object> s : seals) {
                    jdbc.sql("UPDATE event_seal SET seal_hash = :seal_hash WHERE global_index = :global_index")
                            .params(s).update();
                }
            } finally {
                jdbc.sql("SELECT pg_advisory_unlock(?)").param(AuditSealer.LOCK_KEY).query().singleRow();
            }
        }
        assertIntact();
        assertThat(offline(List.of("--checkpoint", checkpointFile.toString(), "--public-key", keyFile.toString())))
                .contains("INTACT");
    }

    private JsonNode verify() {
        Api.Response response = api.as("auditor").get("/api/v1/audit/verify");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    private void assertIntact() {
        JsonNode report = verify();
        assertThat(report.path("intact").asBoolean()).as("%s", report).isTrue();
    }

    private void assertDetected(String kind, long position) throws Exception {
        JsonNode report = verify();
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("firstBroken").path("kind").asString()).as("%s", report).isEqualTo(kind);
        assertThat(report.path("firstBroken").path("globalIndex").asLong()).isEqualTo(position);
        assertThat(offline(null)).contains("BROKEN " + kind + " at position " + position);
    }

    /** The offline verifier over the application's export. */
    private String offline(List<String> extra) throws Exception {
        Api.Response export = api.as("auditor").get("/api/v1/audit/export");
        assertThat(export.status()).isEqualTo(200);
        Path file = Files.writeString(dir.resolve("events-" + UUID.randomUUID() + ".jsonl"), export.body());
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--export", file.toString()));
        if (extra != null) {
            args.addAll(extra);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        String text = out + err.toString();
        assertThat(code).as(text).isEqualTo(text.contains("INTACT") ? 0 : 1);
        return text;
    }
}

package com.itvision.maintenance.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.kernel.audit.Ed25519Keys;
import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The tamper-evidence endpoints over HTTP: who may call them, what they answer, how they refuse. */
class AuditEndpointsTest extends IntegrationTest {
    private static final List<String> ENDPOINTS = List.of("/api/v1/audit/checkpoints", "/api/v1/audit/public-key",
            "/api/v1/audit/verify", "/api/v1/audit/export", "/api/v1/audit/checkpoints/1");

    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditCheckpoints checkpoints;

    @Test
    void only_admin_and_auditor_read_or_sign() {
        for (String user : List.of("tech", "client", "sales", "manager", "lead", "analyst")) {
            for (String path : ENDPOINTS) {
                Api.Response refused = api.as(user).get(path);
                assertThat(refused.status()).as("%s GET %s: %s", user, path, refused).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            }
            Api.Response refused = api.as(user).post("/api/v1/audit/checkpoints");
            assertThat(refused.status()).as("%s POST: %s", user, refused).isEqualTo(403);
        }
        assertThat(api.anonymous().get("/api/v1/audit/verify").status()).isEqualTo(401);
        for (String user : List.of("admin", "auditor")) {
            assertThat(api.as(user).get("/api/v1/audit/verify").status()).as(user).isEqualTo(200);
            assertThat(api.as(user).post("/api/v1/audit/checkpoints").status()).as(user).isEqualTo(201);
        }
    }

    @Test
    void a_checkpoint_is_signed_listed_downloaded_and_verifies_with_the_published_key() {
        api.as("admin").post("/api/v1/clients", Map.of("name", "Checkpointed " + UUID.randomUUID()));
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();

        Api.Response created = api.as("auditor").post("/api/v1/audit/checkpoints");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/audit/checkpoints/" + id);
        assertThat(created.json().path("lastGlobalIndex").asLong()).isEqualTo(head);

        JsonNode listed = api.as("auditor").get("/api/v1/audit/checkpoints").json();
        assertThat(listed.valueStream().map(n -> n.path("id").asLong())).contains(id);

        Api.Response file = api.as("auditor").get("/api/v1/audit/checkpoints/" + id);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("checkpoint-" + id + ".json");
        SignedCheckpoint cp = SignedCheckpoint.fromJson(file.body());
        assertThat(cp.lastGlobalIndex()).isEqualTo(head);
        // the head is the seal the store holds at that position
        byte[] stored = jdbc.sql("SELECT seal_hash FROM event_seal WHERE global_index = ?").param(head)
                .query(byte[].class).single();
        assertThat(cp.headHash()).isEqualTo(stored);

        JsonNode key = api.as("auditor").get("/api/v1/audit/public-key").json();
        assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(key.path("keyId").asString()).isEqualTo(cp.keyId());
        assertThat(cp.verifiesWith(Ed25519Keys.publicKey(key.path("pem").asString()))).isTrue();
        // a checkpoint whose position was changed no longer verifies
        SignedCheckpoint moved = new SignedCheckpoint(cp.id(), cp.lastGlobalIndex() - 1, cp.headHash(),
                cp.createdAt(), cp.keyId(), cp.publicKey(), cp.signature());
        assertThat(moved.verifiesWith(Ed25519Keys.publicKey(key.path("pem").asString()))).isFalse();
        // the key is not in the database
        assertThat(jdbc.sql("SELECT count(*) FROM audit_checkpoint WHERE position('PRIVATE' in encode(public_key, "
                + "'escape')) > 0").query(Long.class).single()).isZero();
    }

    @Test
    void verify_the_store_one_aggregate_and_since_a_checkpoint() {
        Api.Response client = api.as("admin").post("/api/v1/clients", Map.of("name", "Verified " + UUID.randomUUID()));
        String clientId = client.json().path("id").asString();
        long cp = api.as("auditor").post("/api/v1/audit/checkpoints").json().path("id").asLong();
        api.as("admin").post("/api/v1/clients", Map.of("name", "After the checkpoint " + UUID.randomUUID()));

        JsonNode all = api.as("auditor").get("/api/v1/audit/verify").json();
        assertThat(all.path("intact").asBoolean()).as("%s", all).isTrue();
        assertThat(all.path("eventsChecked").asLong()).isEqualTo(eventCount());
        assertThat(all.path("checkpointsChecked").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode one = api.as("auditor").get("/api/v1/audit/verify?aggregateId=" + clientId).json();
        assertThat(one.path("intact").asBoolean()).as("%s", one).isTrue();
        assertThat(one.path("eventsChecked").asLong()).isEqualTo(1);

        JsonNode since = api.as("auditor").get("/api/v1/audit/verify?sinceCheckpoint=" + cp).json();
        assertThat(since.path("intact").asBoolean()).as("%s", since).isTrue();
        assertThat(since.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_scheduled_checkpoint_is_signed_only_when_the_chain_moved() {
        api.as("admin").post("/api/v1/clients", Map.of("name", "Scheduled " + UUID.randomUUID()));
        assertThat(checkpoints.createIfMoved()).hasValueSatisfying(cp ->
                assertThat(cp.lastGlobalIndex()).isEqualTo(jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                        .query(Long.class).single()));
        assertThat(checkpoints.createIfMoved()).isEmpty();
    }

    @Test
    void refusals_are_problems_with_a_code() {
        Api.Response unknown = api.as("auditor").get("/api/v1/audit/checkpoints/999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(api.as("auditor").get("/api/v1/audit/verify?sinceCheckpoint=999999").code()).isEqualTo("NOT_FOUND");
        assertThat(api.as("auditor").get("/api/v1/audit/verify?aggregateId=nobody-" + UUID.randomUUID()).status())
                .isEqualTo(404);
        Api.Response both = api.as("auditor").get("/api/v1/audit/verify?aggregateId=x&sinceCheckpoint=1");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.as("auditor").get("/api/v1/audit/checkpoints/abc").status()).isEqualTo(400);
        assertThat(api.as("auditor").get("/api/v1/audit/export?upTo=-1").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.as("auditor").get("/api/v1/audit/verify?sinceCheckpoint=x").status()).isEqualTo(400);
    }

    @Test
    void without_a_signing_key_checkpoints_are_refused_and_verification_still_works() throws Exception {
        AuditCheckpoints keyless = new AuditCheckpoints(jdbc, SigningKey.none(), sealer, Clock.systemUTC());
        assertThatThrownBy(keyless::create).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNING_KEY_NOT_CONFIGURED));
        assertThat(keyless.createIfMoved()).isEmpty();
        assertThat(com.itvision.maintenance.app.web.Problems.status(ErrorCode.SIGNING_KEY_NOT_CONFIGURED).value())
                .isEqualTo(409);
    }

    @Test
    void the_export_is_json_lines_of_every_event_up_to_a_position() {
        Api.Response export = api.as("auditor").get("/api/v1/audit/export?upTo=10");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(10);
        assertThat(lines.getFirst()).startsWith("{\"globalIndex\":1,");
        long all = api.as("auditor").get("/api/v1/audit/export").body().lines().count();
        assertThat(all).isEqualTo(eventCount());
    }
}

package com.itvision.maintenance.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditPrimitivesTest {

    @Test
    void the_public_key_derived_from_a_private_key_is_its_own() {
        for (int i = 0; i < 20; i++) {
            KeyPair pair = Ed25519Keys.generate();
            String pem = Ed25519Keys.privatePem(pair.getPrivate());
            assertThat(Ed25519Keys.publicKeyOf(Ed25519Keys.privateKey(pem)).getEncoded())
                    .isEqualTo(pair.getPublic().getEncoded());
        }
    }

    @Test
    void a_checkpoint_survives_its_json_and_any_changed_field_breaks_its_signature() {
        KeyPair pair = Ed25519Keys.generate();
        SignedCheckpoint cp = SignedCheckpoint.sign(3, 1234, EventHashes.sha256(new byte[] {7}),
                "2026-12-02T10:00:00.123Z", pair.getPrivate(), pair.getPublic());
        SignedCheckpoint read = SignedCheckpoint.fromJson(cp.toJson());
        assertThat(read.verifiesWith(pair.getPublic())).isTrue();
        assertThat(new SignedCheckpoint(4, read.lastGlobalIndex(), read.headHash(), read.createdAt(), read.keyId(),
                read.publicKey(), read.signature()).verifiesWith(pair.getPublic())).isFalse();
        assertThat(new SignedCheckpoint(3, read.lastGlobalIndex(), read.headHash(), "2026-12-02T10:00:01.123Z",
                read.keyId(), read.publicKey(), read.signature()).verifiesWith(pair.getPublic())).isFalse();
        assertThat(read.verifiesWith(Ed25519Keys.generate().getPublic())).isFalse();
    }

    @Test
    void flat_json_round_trips_text_that_needs_escaping() {
        String text = "quote \" backslash \\ newline \n tab \t control \u0001 unicode é€\uD83D\uDE00";
        String json = new FlatJson().put("a", text).put("n", -42L).put("none", (String) null).end();
        Map<String, Object> parsed = FlatJson.parse(json);
        assertThat(parsed).containsEntry("a", text).containsEntry("n", -42L).containsEntry("none", null);
    }

    @Test
    void null_and_empty_fields_hash_differently() {
        byte[] withNull = EventHashes.eventHash(null, new byte[32], null, null, "t", null, "a", 0, "ts", "id");
        byte[] withEmpty = EventHashes.eventHash(null, new byte[32], null, "", "t", null, "a", 0, "ts", "id");
        assertThat(withNull).isNotEqualTo(withEmpty);
        // the length prefix: moving a character from one field to the next changes the hash
        assertThat(EventHashes.eventHash(null, new byte[32], null, "ab", "c", null, "a", 0, "ts", "id"))
                .isNotEqualTo(EventHashes.eventHash(null, new byte[32], null, "a", "bc", null, "a", 0, "ts", "id"));
    }
}

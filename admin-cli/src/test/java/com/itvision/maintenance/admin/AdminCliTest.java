package com.itvision.maintenance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.kernel.audit.Ed25519Keys;
import com.itvision.maintenance.kernel.audit.EventHashes;
import com.itvision.maintenance.kernel.audit.ExportFormat;
import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import com.itvision.maintenance.kernel.audit.StoredEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline verifier and key tool, without the application: exports built with the kernel's own hashing. */
class AdminCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out + err.toString());
    }

    @Test
    void keygen_writes_an_owner_only_private_key_and_its_public_key_and_never_overwrites() throws Exception {
        Run keygen = run("keygen", "--out", dir.toString());
        assertThat(keygen.code()).as(keygen.out()).isZero();
        Path privateKey = dir.resolve("signing-key.pem");
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(privateKey).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        String keyId = Ed25519Keys.keyId(Ed25519Keys.publicKey(Files.readString(dir.resolve("public-key.pem"))));
        assertThat(keygen.out()).contains("key id:      " + keyId);

        Run publicKey = run("public-key", "--key", privateKey.toString());
        assertThat(publicKey.code()).isZero();
        assertThat(publicKey.out()).contains(Files.readString(dir.resolve("public-key.pem"))).contains("key id: " + keyId);

        Run again = run("keygen", "--out", dir.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.out()).contains("refusing to overwrite");
    }

    @Test
    void an_intact_export_verifies_against_its_checkpoint() throws Exception {
        Store store = Store.of(200);
        Run result = run("verify", "--export", store.export(dir, null).toString(),
                "--checkpoint", store.checkpoint(dir, 150).toString(), "--public-key", store.publicKey(dir).toString());
        assertThat(result.code()).as(result.out()).isZero();
        assertThat(result.out()).contains("events checked: 200").contains("1 checkpoint(s) checked").contains("INTACT");
    }

    @Test
    void an_edited_payload_in_the_export_is_found() throws Exception {
        Store store = Store.of(50);
        StoredEvent e = store.events.get(20);
        byte[] edited = e.payload().clone();
        edited[2] ^= 1;
        store.events.set(20, new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(),
                e.sequenceNumber(), e.type(), e.timeStamp(), e.payloadType(), e.payloadRevision(), edited, e.metaData(),
                e.payloadHash(), e.metaDataHash(), e.aggregatePrevHash(), e.eventHash(), e.sealHash(),
                e.sealPrevGlobalIndex(), null, null));
        Run result = run("verify", "--export", store.export(dir, null).toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains("BROKEN PAYLOAD_EDITED at position " + e.globalIndex());
    }

    @Test
    void a_checkpoint_from_another_key_or_without_a_key_is_refused() throws Exception {
        Store store = Store.of(20);
        Path cp = store.checkpoint(dir, 10);
        Path otherKey = Files.writeString(dir.resolve("other.pem"), Ed25519Keys.publicPem(Ed25519Keys.generate().getPublic()));
        Run wrongKey = run("verify", "--export", store.export(dir, null).toString(), "--checkpoint", cp.toString(),
                "--public-key", otherKey.toString());
        assertThat(wrongKey.code()).isEqualTo(1);
        assertThat(wrongKey.out()).contains("CHECKPOINT_SIGNATURE_INVALID");

        Run noKey = run("verify", "--export", store.export(dir, null).toString(), "--checkpoint", cp.toString());
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.out()).contains("--checkpoint needs --public-key");

        Run missing = run("verify", "--export", dir.resolve("nothing.jsonl").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(run("no-such-command").code()).isEqualTo(2);
    }

    @Test
    void an_export_cut_before_a_checkpoint_or_recomputed_after_it_is_found() throws Exception {
        Store store = Store.of(30);
        Path cp = store.checkpoint(dir, 25);
        Path key = store.publicKey(dir);
        Run cut = run("verify", "--export", store.export(dir, 20L).toString(), "--checkpoint", cp.toString(),
                "--public-key", key.toString());
        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.out()).contains("CHAIN_REWRITTEN_AFTER_CHECKPOINT");

        // rewrite event 5 and recompute every later hash and seal, as an insider would
        store.rewriteFrom(4);
        Run rewritten = run("verify", "--export", store.export(dir, null).toString(), "--checkpoint", cp.toString(),
                "--public-key", key.toString());
        assertThat(rewritten.code()).isEqualTo(1);
        assertThat(rewritten.out()).contains("BROKEN CHAIN_REWRITTEN_AFTER_CHECKPOINT at position 25");
        assertThat(run("verify", "--export", store.export(dir, null).toString()).code()).isZero();
    }

    /** A consistent store of events over a few aggregates, hashed and sealed as the application does. */
    static final class Store {
        final List<StoredEvent> events = new ArrayList<>();
        final KeyPair key = Ed25519Keys.generate();

        static Store of(int n) {
            Store store = new Store();
            for (int i = 1; i <= n; i++) {
                store.events.add(new StoredEvent(i, "event-" + i, "agg-" + (i % 7), (i - 1) / 7, "Aggregate",
                        "2026-12-02T10:00:" + (i % 60) + "Z", "com.example.Happened", "1",
                        ("{\"n\":" + i + ",\"text\":\"é\"}").getBytes(StandardCharsets.UTF_8),
                        "{\"actorId\":\"admin\"}".getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null,
                        null, null));
            }
            store.rewriteFrom(0);
            return store;
        }

        /** Recomputes every hash and seal from event {@code from} on (all of them at creation). */
        void rewriteFrom(int from) {
            if (from > 0) {
                StoredEvent e = events.get(from);
                byte[] payload = e.payload().clone();
                payload[1] ^= 1;
                events.set(from, with(e, payload, null, null, null, null, null));
            }
            Map<String, byte[]> last = new HashMap<>();
            byte[] seal = null;
            Long prev = null;
            for (int i = 0; i < events.size(); i++) {
                StoredEvent e = events.get(i);
                byte[] ph = EventHashes.payloadHash(e.payload());
                byte[] mh = EventHashes.metaDataHash(e.metaData());
                byte[] aggPrev = last.get(e.aggregateIdentifier());
                byte[] eh = EventHashes.eventHash(aggPrev, ph, mh, e.type(), e.payloadType(), e.payloadRevision(),
                        e.aggregateIdentifier(), e.sequenceNumber(), e.timeStamp(), e.eventIdentifier());
                last.put(e.aggregateIdentifier(), eh);
                seal = EventHashes.sealHash(seal, e.globalIndex(), eh);
                events.set(i, new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(),
                        e.sequenceNumber(), e.type(), e.timeStamp(), e.payloadType(), e.payloadRevision(), e.payload(),
                        e.metaData(), ph, mh, aggPrev, eh, seal, prev, null, null));
                prev = e.globalIndex();
            }
        }

        private static StoredEvent with(StoredEvent e, byte[] payload, byte[] ph, byte[] prevHash, byte[] eh,
                                        byte[] seal, Long sealPrev) {
            return new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                    e.type(), e.timeStamp(), e.payloadType(), e.payloadRevision(), payload, e.metaData(), ph,
                    e.metaDataHash(), prevHash, eh, seal, sealPrev, null, null);
        }

        Path export(Path dir, Long upTo) throws Exception {
            StringBuilder lines = new StringBuilder();
            for (StoredEvent e : events) {
                if (upTo == null || e.globalIndex() <= upTo) {
                    lines.append(ExportFormat.line(e)).append('\n');
                }
            }
            return Files.writeString(dir.resolve("events-" + System.nanoTime() + ".jsonl"), lines);
        }

        Path checkpoint(Path dir, int position) throws Exception {
            PrivateKey privateKey = key.getPrivate();
            SignedCheckpoint cp = SignedCheckpoint.sign(1, position, events.get(position - 1).sealHash(),
                    "2026-12-02T10:00:00Z", privateKey, key.getPublic());
            return Files.writeString(dir.resolve("cp-" + System.nanoTime() + ".json"), cp.toJson());
        }

        Path publicKey(Path dir) throws Exception {
            return Files.writeString(dir.resolve("key-" + System.nanoTime() + ".pem"), Ed25519Keys.publicPem(key.getPublic()));
        }
    }
}

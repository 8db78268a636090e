package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.ChainVerifier;
import com.itvision.maintenance.kernel.audit.Ed25519Keys;
import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence (ADR 0014): signed checkpoints, the public key, verification and the export. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit: tamper evidence")
public class AuditChainController {
    private final AuditCheckpoints checkpoints;
    private final AuditVerification verification;

    public AuditChainController(AuditCheckpoints checkpoints, AuditVerification verification) {
        this.checkpoints = checkpoints;
        this.verification = verification;
    }

    /** A checkpoint as listed and downloaded: the fields of the offline verifier's checkpoint file. */
    public record Checkpoint(String format, long id, long lastGlobalIndex, String headHash, String createdAt,
                             String algorithm, String keyId, String publicKey, String signature) {
        static Checkpoint of(SignedCheckpoint cp) {
            Base64.Encoder b64 = Base64.getEncoder();
            return new Checkpoint(SignedCheckpoint.FORMAT, cp.id(), cp.lastGlobalIndex(), b64.encodeToString(cp.headHash()),
                    cp.createdAt(), Ed25519Keys.ALGORITHM, cp.keyId(), b64.encodeToString(cp.publicKey()),
                    b64.encodeToString(cp.signature()));
        }
    }

    public record PublicKeyView(String algorithm, String keyId, String publicKey, String pem) {
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Every signed checkpoint, oldest first", description = """
            Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). Each: id, lastGlobalIndex (the position it
            covers), headHash (the global chain's seal there, base64), createdAt, keyId, publicKey and signature
            (Ed25519, base64). Download one with GET /api/v1/audit/checkpoints/{id} and keep it outside the system.""")
    @AuditChainErrors
    public List<Checkpoint> list(@Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        return checkpoints.list().stream().map(Checkpoint::of).toList();
    }

    @PostMapping("/checkpoints")
    @Operation(summary = "Sign a checkpoint of the chain now (201)", description = """
            Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). Seals every committed event first, then signs
            (position, head hash, time) with the server's Ed25519 key, which is not stored in the database.
            409 SIGNING_KEY_NOT_CONFIGURED when the server has no key. Checkpoints are also signed on a schedule
            (maintenance.audit.checkpoint-interval) when the chain moved.""")
    @AuditChainErrors
    public ResponseEntity<Checkpoint> create(@Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        SignedCheckpoint cp = checkpoints.create();
        return ResponseEntity.created(URI.create("/api/v1/audit/checkpoints/" + cp.id())).body(Checkpoint.of(cp));
    }

    @GetMapping(value = "/checkpoints/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One checkpoint as a self-contained file for the offline verifier", description = """
            Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). The file (Content-Disposition: attachment) that
            java -jar maintenance-admin.jar verify --checkpoint takes. 404 NOT_FOUND for an unknown id.""")
    @AuditChainErrors
    public ResponseEntity<String> download(@PathVariable long id, @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        SignedCheckpoint cp = checkpoints.find(id)
                .orElseThrow(() -> DomainException.rule(ErrorCode.NOT_FOUND, "No checkpoint " + id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-" + id + ".json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(cp.toJson());
    }

    @GetMapping("/public-key")
    @Operation(summary = "The public key that verifies the checkpoints", description = """
            Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). algorithm (Ed25519), keyId, publicKey (X.509,
            base64) and pem; save pem as key.pem for the offline verifier and compare keyId with the one the
            operator published. 409 SIGNING_KEY_NOT_CONFIGURED when the server has no key.""")
    @AuditChainErrors
    public PublicKeyView publicKey(@Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        PublicKey key = requireKey();
        return new PublicKeyView(Ed25519Keys.ALGORITHM, Ed25519Keys.keyId(key),
                Base64.getEncoder().encodeToString(key.getEncoded()), Ed25519Keys.publicPem(key));
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute every hash from the stored bytes and check every link", description = """
            Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). Without parameters: the whole store, against
            every checkpoint signed by the server's key. aggregateId: that aggregate's events only (404 NOT_FOUND
            when there are none). sinceCheckpoint: the events after checkpoint N, chained from its signed head
            (404 NOT_FOUND for an unknown checkpoint; 409 SIGNING_KEY_NOT_CONFIGURED without a key to check it).
            Not both (400 VALIDATION_FAILED). Answers intact, or firstBroken: kind (PAYLOAD_EDITED,
            METADATA_EDITED, EVENT_EDITED, EVENT_MISSING, ORDER_CHANGED, LINK_BROKEN, EVENT_INSERTED,
            CHAIN_REWRITTEN_AFTER_CHECKPOINT, CHECKPOINT_SIGNATURE_INVALID), globalIndex, aggregateIdentifier,
            sequenceNumber, checkpointId, detail; with eventsChecked, sealedUpTo, headHash, unsealedEvents
            (committed, not sealed yet), checkpointsChecked and eventsPerSecond.""")
    @AuditChainErrors
    public ChainVerifier.Report verify(@RequestParam(required = false) String aggregateId,
                                       @RequestParam(required = false) Long sinceCheckpoint,
                                       @Parameter(hidden = true) Actor actor) {
        requireAuditor(actor);
        if (aggregateId != null && sinceCheckpoint != null) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "aggregateId and sinceCheckpoint exclude each other");
        }
        try {
            if (aggregateId != null) {
                ChainVerifier.Report report = verification.verifyAggregate(aggregateId);
                if (report == null) {
                    throw DomainException.rule(ErrorCode.NOT_FOUND, "No events for aggregate " + aggregateId);
                }
                return report;
            }
            PublicKey trusted = checkpoints.key().publicKey().orElse(null);
            List<SignedCheckpoint> all = checkpoints.list();
            List<SignedCheckpoint> ours = trusted == null ? List.of()
                    : all.stream().filter(cp -> cp.keyId().equals(Ed25519Keys.keyId(trusted))).toList();
            if (sinceCheckpoint != null) {
                SignedCheckpoint anchor = all.stream().filter(cp -> cp.id() == sinceCheckpoint).findFirst()
                        .orElseThrow(() -> DomainException.rule(ErrorCode.NOT_FOUND, "No checkpoint " + sinceCheckpoint));
                PublicKey key = requireKey();
                List<SignedCheckpoint> later = ours.stream()
                        .filter(cp -> cp.lastGlobalIndex() > anchor.lastGlobalIndex()).toList();
                return verification.verifySince(anchor, later, key,
                        anchor.lastGlobalIndex() == 0 ? null : verification.storedSeal(anchor.lastGlobalIndex()));
            }
            return verification.verifyAll(ours, trusted);
        } catch (DomainException e) {
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException("Verification could not read the event store", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Verification failed", e);
        }
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @Operation(summary = "Every event with its hashes and seal, as JSON lines, for the offline verifier",
            description = """
                    Roles: ADMIN, AUDITOR (others 403 ROLE_NOT_ALLOWED). One JSON object per line, in global order:
                    globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,
                    payloadRevision, payload and metaData (the stored bytes, base64), payloadHash, metaDataHash,
                    aggregatePrevHash, eventHash, sealHash (base64) and sealPrevGlobalIndex. upTo (>= 0): only the
                    events at or below that position. Streamed; verify it with java -jar maintenance-admin.jar
                    verify --export events.jsonl --checkpoint cp.json --public-key key.pem.""")
    @AuditChainErrors
    public void export(@RequestParam(required = false) Long upTo, @Parameter(hidden = true) Actor actor,
                       HttpServletResponse response) throws IOException {
        requireAuditor(actor);
        if (upTo != null && upTo < 0) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "upTo must be >= 0");
        }
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events.jsonl\"");
        try {
            verification.export(response.getOutputStream(), upTo == null ? Long.MAX_VALUE : upTo);
        } catch (SQLException e) {
            throw new IllegalStateException("The export could not read the event store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The export was interrupted", e);
        }
    }

    private PublicKey requireKey() {
        return checkpoints.key().publicKey().orElseThrow(() -> DomainException.rule(
                ErrorCode.SIGNING_KEY_NOT_CONFIGURED, "No audit signing key is configured "
                        + "(maintenance.audit.signing-key-file or MAINTENANCE_AUDIT_SIGNING_KEY)"));
    }

    private static void requireAuditor(Actor actor) {
        if (!actor.hasAny(Role.ADMIN, Role.AUDITOR)) {
            throw DomainException.forbidden("Tamper evidence is for ADMIN and AUDITOR");
        }
    }
}

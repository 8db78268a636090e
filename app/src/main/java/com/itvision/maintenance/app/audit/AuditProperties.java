package com.itvision.maintenance.app.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tamper evidence (ADR 0014), under {@code maintenance.audit.*}.
 *
 * @param signingKeyFile     the Ed25519 private key (PKCS#8 PEM) that signs checkpoints; never in the database
 * @param signingKey         the same key inline (PEM or base64), e.g. {@code MAINTENANCE_AUDIT_SIGNING_KEY}; wins
 *                           over the file
 * @param generateDemoKey    with the embedded database in demo mode and no key configured, generate one under the
 *                           data directory on first start (default true)
 * @param checkpointInterval how often a checkpoint is signed when the chain moved; 0 turns the schedule off
 * @param sealInterval       how often the AuditSealer looks for committed events to seal
 * @param sealBatchSize      events sealed per transaction at most
 */
@ConfigurationProperties("maintenance.audit")
public record AuditProperties(Path signingKeyFile, String signingKey, Boolean generateDemoKey,
                              Duration checkpointInterval, Duration sealInterval, Integer sealBatchSize) {

    public AuditProperties {
        generateDemoKey = generateDemoKey == null || generateDemoKey;
        checkpointInterval = checkpointInterval == null ? Duration.ofHours(1) : checkpointInterval;
        sealInterval = sealInterval == null ? Duration.ofMillis(200) : sealInterval;
        sealBatchSize = sealBatchSize == null ? 5000 : sealBatchSize;
        if (sealInterval.isNegative() || sealInterval.isZero()) {
            throw new IllegalArgumentException("maintenance.audit.seal-interval must be positive");
        }
        if (sealBatchSize < 1) {
            throw new IllegalArgumentException("maintenance.audit.seal-batch-size must be at least 1");
        }
    }
}

package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint signing key, read once at start-up from the environment or a key file, never from the database.
 * Absent, checkpoints are refused (SIGNING_KEY_NOT_CONFIGURED) and everything else works.
 */
public final class SigningKey {
    static final String DEMO_KEY_FILE = "audit-signing-key.pem";
    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String source;

    private SigningKey(PrivateKey privateKey, String source) {
        this.privateKey = privateKey;
        this.publicKey = privateKey == null ? null : Ed25519Keys.publicKeyOf(privateKey);
        this.source = source;
    }

    public static SigningKey none() {
        return new SigningKey(null, "none");
    }

    public static SigningKey of(PrivateKey key, String source) {
        return new SigningKey(key, source);
    }

    /**
     * @param demoDataDir the embedded data directory when the application runs embedded in demo mode, else null
     */
    static SigningKey load(AuditProperties properties, Path demoDataDir) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return announce(new SigningKey(Ed25519Keys.privateKey(properties.signingKey()),
                    "maintenance.audit.signing-key"));
        }
        if (properties.signingKeyFile() != null) {
            Path file = properties.signingKeyFile().toAbsolutePath();
            try {
                return announce(new SigningKey(Ed25519Keys.privateKey(Files.readString(file)), file.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("maintenance.audit.signing-key-file " + file + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (demoDataDir != null && properties.generateDemoKey()) {
            return announce(demoKey(demoDataDir.toAbsolutePath().resolve(DEMO_KEY_FILE)));
        }
        log.warn("No audit signing key (maintenance.audit.signing-key-file or MAINTENANCE_AUDIT_SIGNING_KEY): "
                + "checkpoints are refused with SIGNING_KEY_NOT_CONFIGURED; generate one with "
                + "java -jar maintenance-admin.jar keygen --out <dir>");
        return none();
    }

    private static SigningKey demoKey(Path file) {
        try {
            if (!Files.exists(file)) {
                KeyPair pair = Ed25519Keys.generate();
                Files.writeString(file, Ed25519Keys.privatePem(pair.getPrivate()), StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                log.warn("Demo mode: generated the audit signing key {} (outside the database). Keep it apart from "
                        + "the data in production: maintenance.audit.signing-key-file", file);
            }
            return new SigningKey(Ed25519Keys.privateKey(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the demo audit signing key " + file, e);
        }
    }

    private static SigningKey announce(SigningKey key) {
        log.info("Audit checkpoints are signed with Ed25519 key {} from {}", key.keyId().orElseThrow(), key.source);
        return key;
    }

    public boolean present() {
        return privateKey != null;
    }

    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    public Optional<String> keyId() {
        return publicKey().map(Ed25519Keys::keyId);
    }
}

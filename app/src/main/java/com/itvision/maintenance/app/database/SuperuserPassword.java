package com.itvision.maintenance.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster's superuser password: 256 random bits, generated once, kept in
 * {@code <data-dir>/superuser.password} (owner-only, inside the cluster directory that PostgreSQL itself keeps
 * owner-only), so it lives and dies with the cluster and survives restarts (ADR 0010).
 */
final class SuperuserPassword {
    static final String FILE_NAME = "superuser.password";
    private static final Logger log = LoggerFactory.getLogger(SuperuserPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserPassword() {
    }

    /** URL-safe Base64 of 32 random bytes: no character that needs quoting in SQL, a URL or a shell. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The stored password, with its file's permissions narrowed to the owner if someone widened them. */
    static Optional<String> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                log.warn("{} was readable by others ({}); restricted to its owner", file,
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException(file + " is empty: restore it from a backup of the data directory");
            }
            return Optional.of(password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes the password atomically (a temporary owner-only file renamed over the target). */
    static void store(Path dataDir, String password) {
        Path file = file(dataDir);
        try {
            Path temporary = ownerOnlyFile(dataDir, FILE_NAME);
            Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * A file for {@code initdb --pwfile} outside the data directory, which initdb wants empty. The caller
     * deletes it once the cluster exists.
     */
    static Path initdbFile(String password) {
        try {
            Path file = ownerOnlyFile(Path.of(System.getProperty("java.io.tmpdir")), "initdb-pwfile");
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a password file for initdb", e);
        }
    }

    private static Path ownerOnlyFile(Path dir, String prefix) throws IOException {
        if (!posix(dir)) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
        // created with these permissions, never readable by others even for an instant
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        return Files.createTempFile(dir, prefix, ".tmp", ownerOnly);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

package com.itvision.maintenance.admin;

import com.itvision.maintenance.kernel.audit.BrokenLink;
import com.itvision.maintenance.kernel.audit.ChainVerifier;
import com.itvision.maintenance.kernel.audit.Ed25519Keys;
import com.itvision.maintenance.kernel.audit.ExportFormat;
import com.itvision.maintenance.kernel.audit.FlatJson;
import com.itvision.maintenance.kernel.audit.ParallelVerification;
import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar maintenance-admin.jar}: the auditor's offline verifier and the operator's signing-key tool.
 * It needs neither the application nor the database. Exit codes: 0 intact / done, 1 tampering found, 2 bad usage
 * or unreadable input.
 */
@Command(name = "maintenance-admin", mixinStandardHelpOptions = true, version = "maintenance-admin 0.1.0",
        description = "Offline verifier of the audit chain and signing-key tool (ADR 0014).",
        subcommands = {AdminCli.Verify.class, AdminCli.Keygen.class, AdminCli.PublicKeyCommand.class})
public final class AdminCli {
    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    /** Runs one command with its output on {@code out} and errors on {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AdminCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify an export (GET /api/v1/audit/export) against downloaded checkpoints.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--export", required = true, description = "the JSON-lines export")
        Path export;
        @Option(names = "--checkpoint", description = "a checkpoint file (GET /api/v1/audit/checkpoints/{id}); repeatable")
        List<Path> checkpoints = new ArrayList<>();
        @Option(names = "--public-key", description = "the trusted public key (PEM, or GET /api/v1/audit/public-key's JSON)")
        Path publicKey;
        @Option(names = "--threads", defaultValue = "2", description = "hashing threads (default 2)")
        int threads;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (!checkpoints.isEmpty() && publicKey == null) {
                throw new IllegalArgumentException("--checkpoint needs --public-key: a checkpoint is only worth the key "
                        + "it is checked with");
            }
            PublicKey trusted = publicKey == null ? null : readPublicKey(publicKey);
            List<SignedCheckpoint> signed = new ArrayList<>();
            for (Path file : checkpoints) {
                signed.add(SignedCheckpoint.fromJson(Files.readString(file)));
            }
            ChainVerifier.Report report;
            try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                report = ParallelVerification.run(() -> {
                    String line;
                    do {
                        line = lines.readLine();
                    } while (line != null && line.isBlank());
                    return line == null ? null : ExportFormat.parse(line);
                }, ChainVerifier.full(signed, trusted), Math.max(1, threads), 1000);
            }
            if (trusted != null) {
                out.println("trusted key " + Ed25519Keys.keyId(trusted) + ", " + report.checkpointsChecked()
                        + " checkpoint(s) checked");
            }
            out.println("events checked: " + report.eventsChecked() + " (" + report.eventsPerSecond() + " events/s), "
                    + "sealed up to " + report.sealedUpTo() + ", unsealed " + report.unsealedEvents());
            if (report.intact()) {
                out.println("INTACT head " + report.headHash());
                return INTACT;
            }
            BrokenLink b = report.firstBroken();
            out.println("BROKEN " + b.kind() + " at position " + b.globalIndex()
                    + (b.aggregateIdentifier() == null ? "" : ", aggregate " + b.aggregateIdentifier()
                    + " sequence " + b.sequenceNumber())
                    + (b.checkpointId() == null ? "" : ", checkpoint " + b.checkpointId()) + ": " + b.detail());
            return BROKEN;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Generate the Ed25519 checkpoint signing key: signing-key.pem (owner-only) and public-key.pem.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--out", required = true, description = "directory to write the two files into")
        Path out;

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(out);
            Path privateFile = out.resolve("signing-key.pem");
            Path publicFile = out.resolve("public-key.pem");
            if (Files.exists(privateFile)) {
                throw new IllegalArgumentException(privateFile + " exists: refusing to overwrite a signing key");
            }
            KeyPair pair = Ed25519Keys.generate();
            Files.writeString(privateFile, Ed25519Keys.privatePem(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(publicFile, Ed25519Keys.publicPem(pair.getPublic()));
            PrintWriter w = spec.commandLine().getOut();
            w.println("private key: " + privateFile + " (set maintenance.audit.signing-key-file to it; keep it out of "
                    + "the database and its backups)");
            w.println("public key:  " + publicFile);
            w.println("key id:      " + Ed25519Keys.keyId(pair.getPublic()));
            return INTACT;
        }
    }

    @Command(name = "public-key", mixinStandardHelpOptions = true,
            description = "Print the public key (PEM) and key id of a signing key.")
    static final class PublicKeyCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--key", required = true, description = "the private key file (signing-key.pem)")
        Path key;

        @Override
        public Integer call() throws IOException {
            PublicKey publicKey = Ed25519Keys.publicKeyOf(Ed25519Keys.privateKey(Files.readString(key)));
            PrintWriter w = spec.commandLine().getOut();
            w.print(Ed25519Keys.publicPem(publicKey));
            w.println("key id: " + Ed25519Keys.keyId(publicKey));
            return INTACT;
        }
    }

    static PublicKey readPublicKey(Path file) throws IOException {
        String text = Files.readString(file).trim();
        if (text.startsWith("{")) {
            Object pem = FlatJson.parse(text).get("pem");
            Object b64 = FlatJson.parse(text).get("publicKey");
            return Ed25519Keys.publicKey((String) (pem != null ? pem : b64));
        }
        return Ed25519Keys.publicKey(text);
    }
}

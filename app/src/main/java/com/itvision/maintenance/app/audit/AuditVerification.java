package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.ChainVerifier;
import com.itvision.maintenance.kernel.audit.ExportFormat;
import com.itvision.maintenance.kernel.audit.ParallelVerification;
import com.itvision.maintenance.kernel.audit.SignedCheckpoint;
import com.itvision.maintenance.kernel.audit.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Recomputes every hash from the stored bytes and checks every link (ADR 0014): the whole store, one aggregate,
 * or the events after a checkpoint. Rows are read on the caller's thread by binary COPY ({@link CopyEventReader}),
 * hashed by {@code hashThreads} workers, linked by one checker ({@link ParallelVerification}); JSON is never parsed.
 */
public final class AuditVerification {
    /** Connections reading windows of {@link #WINDOW} positions at once for a whole-store verification. */
    static final int READ_CONNECTIONS = 2;
    static final long WINDOW = 20_000;

    private final DataSource dataSource;
    private final int hashThreads;

    public AuditVerification(DataSource dataSource, int hashThreads) {
        this.dataSource = dataSource;
        this.hashThreads = hashThreads;
    }

    /** The whole store, against every checkpoint signed by {@code trusted} (none checked when it is null). */
    public ChainVerifier.Report verifyAll(List<SignedCheckpoint> checkpoints, PublicKey trusted) throws Exception {
        List<SignedCheckpoint> signedByTrusted = trusted == null ? List.of() : checkpoints;
        long sealedHead;
        long head;
        try (Connection c = dataSource.getConnection()) {
            sealedHead = sealedHead(c);
            head = head(c);
        }
        // the store as it is now: events committed during the verification are left for the next one
        try (PrefetchingEventReader reader = new PrefetchingEventReader(dataSource, 0, head, sealedHead,
                READ_CONNECTIONS, WINDOW)) {
            return ParallelVerification.run(reader::next, ChainVerifier.full(signedByTrusted, trusted), hashThreads,
                    1000);
        }
    }

    /**
     * The events after {@code anchor}, chained from its signed head (whose signature the caller checked), and
     * against the later checkpoints.
     */
    public ChainVerifier.Report verifySince(SignedCheckpoint anchor, List<SignedCheckpoint> later, PublicKey trusted,
                                            byte[] storedSealAtAnchor) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long sealedHead = sealedHead(c);
            ChainVerifier verifier = ChainVerifier.since(anchor, later, trusted, storedSealAtAnchor);
            try (CopyEventReader reader = new CopyEventReader(c, anchor.lastGlobalIndex(), Long.MAX_VALUE,
                    sealedHead, anchor.lastGlobalIndex())) {
                return ParallelVerification.run(reader::next, verifier, hashThreads, 1000);
            }
        }
    }

    /** The stored seal at {@code position}, or null. */
    public byte[] storedSeal(long position) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seal_hash FROM event_seal WHERE global_index = ?")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** One aggregate's events; null when the store holds none for it. */
    public ChainVerifier.Report verifyAggregate(String aggregateIdentifier) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                            e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, e.payload_hash,
                            e.meta_data_hash, e.aggregate_prev_hash, e.event_hash, s.seal_hash, s.prev_global_index,
                            ps.seal_hash
                       FROM domain_event_entry e
                       LEFT JOIN event_seal s ON s.global_index = e.global_index
                       LEFT JOIN event_seal ps ON ps.global_index = s.prev_global_index
                      WHERE e.aggregate_identifier = ? ORDER BY e.sequence_number""")) {
            ps.setString(1, aggregateIdentifier);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long prev = rs.getLong(16);
                    Long sealPrev = rs.wasNull() ? null : prev;
                    events.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9),
                            rs.getBytes(10), rs.getBytes(11), rs.getBytes(12), rs.getBytes(13), rs.getBytes(14),
                            rs.getBytes(15), sealPrev, null, rs.getBytes(17)));
                }
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        var iterator = events.iterator();
        return ParallelVerification.run(() -> iterator.hasNext() ? iterator.next() : null,
                ChainVerifier.aggregate(aggregateIdentifier), 1, 1000);
    }

    /** Writes every event up to {@code upTo} (and up to the store's head now) as JSON lines; returns how many. */
    public long export(OutputStream out, long upTo) throws SQLException, IOException, InterruptedException {
        long sealedHead;
        long head;
        try (Connection c = dataSource.getConnection()) {
            sealedHead = sealedHead(c);
            head = Math.min(upTo, head(c));
        }
        long lines = 0;
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (PrefetchingEventReader reader = new PrefetchingEventReader(dataSource, 0, head, sealedHead,
                READ_CONNECTIONS, WINDOW)) {
            StoredEvent e;
            while ((e = reader.next()) != null) {
                writer.write(ExportFormat.line(e));
                writer.write('\n');
                lines++;
            }
        }
        writer.flush();
        return lines;
    }

    private static long head(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sealedHead(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(global_index), 0) FROM event_seal")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

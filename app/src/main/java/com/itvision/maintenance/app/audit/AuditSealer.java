package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.EventHashes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Writes the global chain (ADR 0014): {@code event_seal(p) = SHA-256(seal(previous) || p || event_hash(p))} for the
 * committed prefix of the event store, right after commit, in batches, one node at a time (advisory lock).
 *
 * <p>A missing global index below a committed one is either a rolled-back insert (a permanent gap) or a transaction
 * still open (it will commit later, with a lower index). The V22 trigger gives every transaction its id before it
 * draws an index, so a holder of a missing index is listed as in progress ({@code pg_snapshot_xip}) in the snapshot
 * that saw the higher index. The sealer stops at such a gap, remembers those transactions, and seals past it once
 * all of them have ended: then no event can still appear below. No time-based guess, no lost event.
 */
public final class AuditSealer {
    /** Key of the advisory lock that makes one node at a time the sealer. */
    static final long LOCK_KEY = 0x4155444954L; // "AUDIT"

    private final DataSource dataSource;
    private final int batchSize;
    private Pending pending;

    /** Transactions that were in progress when {@code upTo} was visible: once they ended, holes below are final. */
    private record Pending(long[] inProgress, long upTo) {
    }

    public AuditSealer(DataSource dataSource, int batchSize) {
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    /** Seals until nothing more can be sealed now; returns how many events it sealed (0 if another node holds it). */
    public synchronized long sealAvailable() throws SQLException {
        long total = 0;
        while (true) {
            int sealed = sealBatch();
            total += Math.max(sealed, 0);
            if (sealed < batchSize) {
                return total;
            }
        }
    }

    private int sealBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (!tryLock(c)) {
                return -1;
            }
            try {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try {
                    int sealed = sealIn(c);
                    c.commit();
                    return sealed;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    c.setAutoCommit(true);
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private int sealIn(Connection c) throws SQLException {
        // the first statement fixes the snapshot (REPEATABLE READ): the last seal and the rows are read in it
        long lastIndex = 0;
        byte[] lastSeal = null;
        long[] inProgress;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT array_agg(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) x),
                       s.global_index, s.seal_hash
                  FROM (SELECT 1) one
                  LEFT JOIN (SELECT global_index, seal_hash FROM event_seal ORDER BY global_index DESC LIMIT 1) s ON true""")) {
            rs.next();
            Array xip = rs.getArray(1);
            inProgress = xip == null ? new long[0] : toLongs((Object[]) xip.getArray());
            if (rs.getObject(2) != null) {
                lastIndex = rs.getLong(2);
                lastSeal = rs.getBytes(3);
            }
        }
        long bound = lastIndex;
        if (pending != null && pending.upTo() > lastIndex && allEnded(c, pending.inProgress())) {
            bound = pending.upTo();
            pending = null;
        } else if (pending != null && pending.upTo() <= lastIndex) {
            pending = null; // another node sealed past it
        }
        long[] indexes = new long[batchSize];
        byte[][] hashes = new byte[batchSize][];
        int n = 0;
        long maxSeen = lastIndex;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT global_index, event_hash FROM domain_event_entry
                 WHERE global_index > ? ORDER BY global_index LIMIT ?""")) {
            ps.setLong(1, lastIndex);
            ps.setInt(2, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                long expected = lastIndex + 1;
                boolean blocked = false;
                while (rs.next()) {
                    long index = rs.getLong(1);
                    maxSeen = index;
                    if (blocked) {
                        continue;
                    }
                    if (index == expected || index <= bound) {
                        indexes[n] = index;
                        hashes[n++] = rs.getBytes(2);
                        expected = index + 1;
                    } else {
                        blocked = true;
                    }
                }
                if (blocked && inProgress.length == 0) {
                    // no transaction was open when these rows were visible: the holes are rolled back inserts
                    return sealIn(c, lastIndex, lastSeal, maxSeen);
                }
                if (blocked && pending == null) {
                    pending = new Pending(inProgress, maxSeen);
                }
            }
        }
        return insert(c, lastIndex, lastSeal, indexes, hashes, n);
    }

    /** Seals every event above {@code lastIndex} up to {@code upTo}: the holes below it are final. */
    private int sealIn(Connection c, long lastIndex, byte[] lastSeal, long upTo) throws SQLException {
        pending = null;
        long[] indexes = new long[batchSize];
        byte[][] hashes = new byte[batchSize][];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT global_index, event_hash FROM domain_event_entry
                 WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?""")) {
            ps.setLong(1, lastIndex);
            ps.setLong(2, upTo);
            ps.setInt(3, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes[n] = rs.getLong(1);
                    hashes[n++] = rs.getBytes(2);
                }
            }
        }
        return insert(c, lastIndex, lastSeal, indexes, hashes, n);
    }

    private static int insert(Connection c, long lastIndex, byte[] lastSeal, long[] indexes, byte[][] hashes, int n)
            throws SQLException {
        if (n == 0) {
            return 0;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO event_seal (global_index, seal_hash, prev_global_index) VALUES (?, ?, ?)")) {
            Long prev = lastIndex == 0 ? null : lastIndex;
            byte[] seal = lastSeal;
            for (int i = 0; i < n; i++) {
                seal = EventHashes.sealHash(seal, indexes[i], hashes[i]);
                insert.setLong(1, indexes[i]);
                insert.setBytes(2, seal);
                if (prev == null) {
                    insert.setNull(3, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(3, prev);
                }
                insert.addBatch();
                prev = indexes[i];
            }
            insert.executeBatch();
        }
        return n;
    }

    /**
     * True when every one of {@code xids} had ended (committed or rolled back) before THIS transaction's snapshot
     * was taken, so whatever they inserted is in the rows this snapshot reads. Judged against the snapshot, not
     * against the live commit state ({@code pg_xact_status}): a transaction that commits after the snapshot was
     * taken is ended by then, yet its events are not among the rows read, and sealing past its position would
     * leave them out of the global chain for good.
     */
    private static boolean allEnded(Connection c, long[] xids) throws SQLException {
        if (xids.length == 0) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM unnest(?::bigint[]) x
                 WHERE NOT pg_visible_in_snapshot(x::text::xid8, pg_current_snapshot())""")) {
            ps.setArray(1, c.createArrayOf("bigint", java.util.Arrays.stream(xids).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    private static long[] toLongs(Object[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = ((Number) values[i]).longValue();
        }
        return longs;
    }
}

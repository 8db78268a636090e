package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.postgresql.PGStatement;

/**
 * Reads the stored events with their hashes and seals in global order, in keyset pages: each page is one short
 * statement (no transaction outlives the session limits of ADR 0013, however big the store), bytea in binary.
 * Events above {@code sealedHead} are read as unsealed even if the sealer reaches them meanwhile, so that pages
 * read at different instants stay one consistent picture.
 */
final class EventStoreReader implements AutoCloseable {
    static final int PAGE = 10_000;
    private static final String COLUMNS = """
            e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp,
            e.payload_type, e.payload_revision, e.payload, e.meta_data, e.payload_hash, e.meta_data_hash,
            e.aggregate_prev_hash, e.event_hash, s.seal_hash, s.prev_global_index""";

    private final PreparedStatement page;
    private final long sealedHead;
    private final long upTo;
    private final boolean withPrior;
    private final Deque<StoredEvent> buffer = new ArrayDeque<>(PAGE);
    private long after;
    private boolean exhausted;

    /**
     * @param after     read events above this position
     * @param withPrior join the stored event_hash of each event's aggregate predecessor at or below {@code after}
     *                  (verification since a checkpoint)
     */
    EventStoreReader(Connection connection, long after, long upTo, long sealedHead, boolean withPrior)
            throws SQLException {
        this.after = after;
        this.upTo = upTo;
        this.sealedHead = sealedHead;
        this.withPrior = withPrior;
        String prior = withPrior ? """
                , (SELECT p.event_hash FROM domain_event_entry p
                    WHERE p.aggregate_identifier = e.aggregate_identifier
                      AND p.sequence_number = e.sequence_number - 1 AND p.global_index <= ?) AS prior""" : "";
        page = connection.prepareStatement("SELECT " + COLUMNS + prior + """
                 FROM domain_event_entry e LEFT JOIN event_seal s ON s.global_index = e.global_index
                WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index LIMIT\s""" + PAGE);
        page.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary transfer from the first page
        page.setFetchSize(PAGE);
    }

    StoredEvent next() throws SQLException {
        if (buffer.isEmpty() && !exhausted) {
            fill();
        }
        return buffer.pollFirst();
    }

    private void fill() throws SQLException {
        int i = 1;
        if (withPrior) {
            page.setLong(i++, priorBound);
        }
        page.setLong(i++, after);
        page.setLong(i, upTo);
        int rows = 0;
        try (ResultSet rs = page.executeQuery()) {
            while (rs.next()) {
                buffer.add(row(rs));
                rows++;
            }
        }
        if (rows < PAGE) {
            exhausted = true;
        }
        if (!buffer.isEmpty()) {
            after = buffer.peekLast().globalIndex();
        }
    }

    private long priorBound;

    EventStoreReader priorAtOrBelow(long position) {
        this.priorBound = position;
        return this;
    }

    private StoredEvent row(ResultSet rs) throws SQLException {
        long index = rs.getLong(1);
        boolean sealed = index <= sealedHead && rs.getBytes(15) != null;
        Long sealPrev = null;
        if (sealed) {
            long p = rs.getLong(16);
            sealPrev = rs.wasNull() ? null : p;
        }
        return new StoredEvent(index, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBytes(9), rs.getBytes(10), rs.getBytes(11),
                rs.getBytes(12), rs.getBytes(13), rs.getBytes(14), sealed ? rs.getBytes(15) : null, sealPrev,
                withPrior ? rs.getBytes(17) : null, null);
    }

    @Override
    public void close() throws SQLException {
        page.close();
    }
}

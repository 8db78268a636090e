package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads the stored events with their hashes and seals in global order through {@code COPY ... TO STDOUT (FORMAT
 * binary)}: one message per row, parsed here without the driver's per-column decoding, in chunks of {@link #CHUNK}
 * rows, each chunk one short statement (no transaction outlives the session limits of ADR 0013). Events above
 * {@code sealedHead} are read as unsealed even if the sealer reaches them meanwhile, so that chunks read at
 * different instants stay one consistent picture.
 */
final class CopyEventReader implements AutoCloseable {
    static final int CHUNK = 50_000;

    private final Connection connection;
    private final long upTo;
    private final long sealedHead;
    private final Long priorAtOrBelow;
    private CopyOut copy;
    private long after;
    private int rowsInChunk;
    private boolean exhausted;

    /**
     * @param priorAtOrBelow when not null, each event also carries the stored event_hash of its aggregate's previous
     *                       event if that one lies at or below this position (verification since a checkpoint)
     */
    CopyEventReader(Connection connection, long after, long upTo, long sealedHead, Long priorAtOrBelow) {
        this.connection = connection;
        this.after = after;
        this.upTo = upTo;
        this.sealedHead = sealedHead;
        this.priorAtOrBelow = priorAtOrBelow;
    }

    StoredEvent next() throws SQLException {
        while (true) {
            if (copy == null) {
                if (exhausted) {
                    return null;
                }
                open();
            }
            byte[] message = copy.readFromCopy();
            if (message == null) {
                copy = null;
                if (rowsInChunk < CHUNK) {
                    exhausted = true;
                }
                continue;
            }
            StoredEvent e = parse(message);
            if (e != null) {
                rowsInChunk++;
                after = e.globalIndex();
                return e;
            }
        }
    }

    private void open() throws SQLException {
        String prior = priorAtOrBelow == null ? "" : """
                , (SELECT p.event_hash FROM domain_event_entry p
                    WHERE p.aggregate_identifier = e.aggregate_identifier
                      AND p.sequence_number = e.sequence_number - 1 AND p.global_index <= %d)""".formatted(priorAtOrBelow);
        String sql = """
                COPY (SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                             e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, e.payload_hash,
                             e.meta_data_hash, e.aggregate_prev_hash, e.event_hash, s.seal_hash, s.prev_global_index%s
                        FROM domain_event_entry e LEFT JOIN event_seal s ON s.global_index = e.global_index
                       WHERE e.global_index > %d AND e.global_index <= %d ORDER BY e.global_index LIMIT %d)
                  TO STDOUT (FORMAT binary)""".formatted(prior, after, upTo, CHUNK);
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        rowsInChunk = 0;
    }

    /** One tuple of the binary COPY format; null for the trailer. The first message starts with the header. */
    private StoredEvent parse(byte[] m) {
        Cursor c = new Cursor(m);
        if (m.length >= 11 && m[0] == 'P' && m[1] == 'G' && m[2] == 'C' && m[3] == 'O' && m[4] == 'P' && m[5] == 'Y') {
            c.pos = 11;
            c.int4(); // flags
            int extension = c.int4();
            c.pos += extension;
            if (c.pos >= m.length) {
                return null;
            }
        }
        short fields = c.int2();
        if (fields < 0) {
            return null;
        }
        long index = c.int8Field();
        String eventId = c.text();
        String aggregateId = c.text();
        long seq = c.int8Field();
        String type = c.text();
        String timeStamp = c.text();
        String payloadType = c.text();
        String revision = c.text();
        byte[] payload = c.bytes();
        byte[] metaData = c.bytes();
        byte[] payloadHash = c.bytes();
        byte[] metaDataHash = c.bytes();
        byte[] prevHash = c.bytes();
        byte[] eventHash = c.bytes();
        byte[] seal = c.bytes();
        Long sealPrev = c.nullableInt8();
        byte[] prior = priorAtOrBelow == null ? null : c.bytes();
        boolean sealed = seal != null && index <= sealedHead;
        return new StoredEvent(index, eventId, aggregateId, seq, type, timeStamp, payloadType, revision, payload,
                metaData, payloadHash, metaDataHash, prevHash, eventHash, sealed ? seal : null, sealed ? sealPrev : null,
                prior, null);
    }

    private static final class Cursor {
        final byte[] m;
        int pos;

        Cursor(byte[] m) {
            this.m = m;
        }

        short int2() {
            short v = (short) (((m[pos] & 0xff) << 8) | (m[pos + 1] & 0xff));
            pos += 2;
            return v;
        }

        int int4() {
            int v = ((m[pos] & 0xff) << 24) | ((m[pos + 1] & 0xff) << 16) | ((m[pos + 2] & 0xff) << 8) | (m[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long int8() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (m[pos + i] & 0xff);
            }
            pos += 8;
            return v;
        }

        long int8Field() {
            int length = int4();
            if (length != 8) {
                throw new IllegalStateException("Expected a bigint, found " + length + " bytes");
            }
            return int8();
        }

        Long nullableInt8() {
            int length = int4();
            if (length < 0) {
                return null;
            }
            return int8();
        }

        String text() {
            int length = int4();
            if (length < 0) {
                return null;
            }
            String s = new String(m, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        byte[] bytes() {
            int length = int4();
            if (length < 0) {
                return null;
            }
            byte[] b = java.util.Arrays.copyOfRange(m, pos, pos + length);
            pos += length;
            return b;
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
    }
}

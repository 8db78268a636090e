package com.itvision.maintenance.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The physical limits the application is compared with, measured on the application's own PostgreSQL (same
 * server, same durable settings: fsync and synchronous commit on) in the same run, through the same
 * {@link Driver}: single-row INSERT transactions into a table shaped and indexed like domain_event_entry,
 * each query's own SQL run directly over JDBC, and a 1000-row windowed read of domain_event_entry with
 * batched upserts of the same rows into a scratch table. The scratch tables live in a schema of their own
 * ({@code bench}), dropped at the end.
 */
final class Limits {
    static final int WINDOW = 1000;

    @FunctionalInterface
    interface Connections {
        Connection open() throws Exception;
    }

    private final Connections connections;

    Limits(Connections connections) {
        this.connections = connections;
    }

    void prepare() throws Exception {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.event_insert, bench.event_upsert");
            s.execute("DROP SEQUENCE IF EXISTS bench.event_insert_seq");
            // Axon's event columns, keys and unique indexes (V1), its own sequence: the store's stays gap-free.
            // Not the tamper-evidence trigger: this is the bare cost of a durable single-row transaction.
            for (String table : List.of("event_insert", "event_upsert")) {
                s.execute("CREATE TABLE bench." + table + " (global_index bigint NOT NULL, event_identifier varchar(255) NOT NULL, "
                        + "aggregate_identifier varchar(255) NOT NULL, sequence_number bigint NOT NULL, type varchar(255), "
                        + "time_stamp varchar(255) NOT NULL, payload_type varchar(255) NOT NULL, payload_revision varchar(255), "
                        + "payload bytea NOT NULL, meta_data bytea, PRIMARY KEY (global_index), UNIQUE (event_identifier), "
                        + "UNIQUE (aggregate_identifier, sequence_number))");
            }
            s.execute("CREATE SEQUENCE bench.event_insert_seq OWNED BY bench.event_insert.global_index");
            s.execute("ALTER TABLE bench.event_insert ALTER COLUMN global_index SET DEFAULT nextval('bench.event_insert_seq')");
        }
    }

    void drop() throws Exception {
        try (Connection c = connections.open(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench CASCADE");
        }
    }

    String serverVersion() throws Exception {
        try (Connection c = connections.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
            r.next();
            return "PostgreSQL " + r.getString(1) + " (fsync " + r.getString(2) + ", synchronous_commit " + r.getString(3)
                    + ", full_page_writes " + r.getString(4) + ")";
        }
    }

    long events() throws Exception {
        try (Connection c = connections.open(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One event row per transaction (autocommit), with the payload of a real stored event. */
    Driver.Workload singleRowInserts() {
        return () -> {
            Connection c = connections.open();
            byte[] payload;
            byte[] metaData;
            try (Statement s = c.createStatement(); ResultSet sample = s.executeQuery(
                    "SELECT payload, meta_data FROM domain_event_entry ORDER BY global_index DESC LIMIT 1")) {
                sample.next();
                payload = sample.getBytes(1);
                metaData = sample.getBytes(2);
            }
            PreparedStatement insert = c.prepareStatement("INSERT INTO bench.event_insert (event_identifier, "
                    + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, payload, "
                    + "meta_data) VALUES (?, ?, ?, 'Ticket', ?, 'com.itvision.maintenance.kernel.ticket.TicketOpened', '1', ?, ?)");
            String aggregate = UUID.randomUUID().toString();
            long[] sequence = {0};
            return new Driver.Client() {
                @Override
                public void run(Driver.Recorder recorder) throws Exception {
                    recorder.time("insert", () -> {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, aggregate);
                        insert.setLong(3, sequence[0]++);
                        insert.setString(4, java.time.Instant.now().toString());
                        insert.setBytes(5, payload);
                        insert.setBytes(6, metaData);
                        return insert.executeUpdate();
                    });
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        };
    }

    /** The statements a request ran, run directly one after the other (read-only, autocommit). */
    Driver.Workload statements(List<String> sql) {
        return () -> {
            Connection c = connections.open();
            Statement statement = c.createStatement();
            return new Driver.Client() {
                @Override
                public void run(Driver.Recorder recorder) throws Exception {
                    recorder.time("request", () -> {
                        for (String query : sql) {
                            if (statement.execute(query)) {
                                try (ResultSet rows = statement.getResultSet()) {
                                    int columns = rows.getMetaData().getColumnCount();
                                    while (rows.next()) {
                                        for (int i = 1; i <= columns; i++) {
                                            rows.getObject(i);
                                        }
                                    }
                                }
                            }
                        }
                        return null;
                    });
                }

                @Override
                public void close() throws Exception {
                    c.close();
                }
            };
        };
    }

    /**
     * Reads the whole event table in windows of 1000 rows by global index and upserts each window into the
     * scratch table as one JDBC batch in one transaction (what a rebuild does at the least); returns events/s.
     */
    double windowedReadAndUpsert() throws Exception {
        try (Connection c = connections.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE bench.event_upsert");
            }
            c.setAutoCommit(false);
            long rowsDone = 0;
            long start = System.nanoTime();
            try (PreparedStatement read = c.prepareStatement("SELECT global_index, event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data "
                    + "FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT " + WINDOW);
                 PreparedStatement upsert = c.prepareStatement("INSERT INTO bench.event_upsert AS t (global_index, "
                         + "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                         + "payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         + "ON CONFLICT (global_index) DO UPDATE SET event_identifier = excluded.event_identifier, "
                         + "sequence_number = excluded.sequence_number, payload = excluded.payload, meta_data = excluded.meta_data")) {
                long after = -1;
                while (true) {
                    read.setLong(1, after);
                    int n = 0;
                    try (ResultSet rows = read.executeQuery()) {
                        while (rows.next()) {
                            after = rows.getLong(1);
                            for (int i = 1; i <= 10; i++) {
                                upsert.setObject(i, rows.getObject(i));
                            }
                            upsert.addBatch();
                            n++;
                        }
                    }
                    if (n == 0) {
                        break;
                    }
                    upsert.executeBatch();
                    c.commit();
                    rowsDone += n;
                }
            }
            return rowsDone / ((System.nanoTime() - start) / 1e9);
        }
    }
}

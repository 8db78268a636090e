package com.itvision.maintenance.app.audit;

import com.itvision.maintenance.kernel.audit.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * Reads the events of (after, upTo] in global order on {@code connections} connections at once: the range is cut
 * into windows of {@code width} global positions, each read whole by binary COPY ({@link CopyEventReader}) on the
 * next free connection, and handed out in order. A single PostgreSQL backend serialises a COPY; two keep both cores
 * busy while the caller hashes. At most {@code 2 * connections} windows are held in memory.
 */
final class PrefetchingEventReader implements AutoCloseable {
    private final ExecutorService readers;
    private final BlockingQueue<Future<List<StoredEvent>>> windows;
    private final Thread scheduler;
    private Iterator<StoredEvent> current = java.util.Collections.emptyIterator();
    private boolean done;

    private static final Future<List<StoredEvent>> END = CompletableFuture.completedFuture(null);

    PrefetchingEventReader(DataSource dataSource, long after, long upTo, long sealedHead, int connections, long width) {
        this.readers = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "audit-verify-read");
            t.setDaemon(true);
            return t;
        });
        this.windows = new ArrayBlockingQueue<>(connections * 2);
        this.scheduler = Thread.ofPlatform().daemon().name("audit-verify-windows").start(() -> {
            try {
                for (long lo = after; lo < upTo; lo += width) {
                    long from = lo;
                    long to = Math.min(upTo, lo + width);
                    windows.put(readers.submit(() -> read(dataSource, from, to, sealedHead)));
                }
                windows.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static List<StoredEvent> read(DataSource dataSource, long from, long to, long sealedHead) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (CopyEventReader reader = new CopyEventReader(c, from, to, sealedHead, null)) {
                StoredEvent e;
                while ((e = reader.next()) != null) {
                    events.add(e);
                }
            }
        }
        return events;
    }

    StoredEvent next() throws SQLException, InterruptedException {
        while (!current.hasNext()) {
            if (done) {
                return null;
            }
            Future<List<StoredEvent>> window = windows.take();
            if (window == END) {
                done = true;
                return null;
            }
            try {
                current = window.get().iterator();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return current.next();
    }

    @Override
    public void close() {
        scheduler.interrupt();
        readers.shutdownNow();
    }
}

package com.itvision.maintenance.app.ops;

import static java.util.stream.Collectors.joining;

import com.itvision.maintenance.projections.support.ReadModels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The swap of a caught-up rebuild, in ONE transaction (ADR 0015): the rebuild row is locked and must still
 * be SWAPPING (so it happens once, whichever node gets there); every segment of {@code G#rebuild} must be
 * released (its processors stopped on every node; a claim older than {@code maintenance.rebuild.claim-timeout}
 * is a dead node's); G's live tables (ACCESS EXCLUSIVE), then its token rows are locked, in the order G's batches
 * take them; live is renamed
 * {@code __old}, {@code __rebuild} becomes live, the old tables are dropped and the new indexes take the old
 * names (a primary key or unique index renames its constraint with it); G's tokens and dead letters are
 * replaced by the rebuild's, unclaimed, so G's processor on every node claims them again and carries on from
 * where the rebuild stopped (the few events after it are applied to the new tables within a claim interval).
 * A query waiting on the lock runs after the commit, on the new tables: it sees the old model or the new one.
 */
@Component
public class RebuildSwap {
    private static final Logger log = LoggerFactory.getLogger(RebuildSwap.class);

    private final DSLContext dsl;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration claimTimeout;

    public RebuildSwap(DSLContext dsl, PlatformTransactionManager transactions, Clock clock,
                       @Value("${maintenance.rebuild.claim-timeout:10s}") Duration claimTimeout) {
        this.dsl = dsl;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    /** Swaps rebuild {@code id} of {@code group} in if it is SWAPPING and released; true when it did. */
    boolean trySwap(UUID id, String group) {
        Boolean swapped = transaction.execute(tx -> swap(id, group));
        return Boolean.TRUE.equals(swapped);
    }

    /** True when no node holds a live claim on a segment of {@code G#rebuild} (any more). */
    boolean released(String group) {
        Instant now = GenericEventMessage.clock.instant();
        return dsl.fetch("SELECT owner, timestamp FROM token_entry WHERE processor_name = ?",
                ReadModels.rebuildProcessor(group)).stream()
                .allMatch(t -> t.get("owner") == null || stale(t.get("timestamp", String.class), now));
    }

    private boolean swap(UUID id, String group) {
        Record row = dsl.fetchOne("SELECT status FROM projection_rebuild WHERE id = ?::uuid FOR UPDATE", id);
        if (row == null || !"SWAPPING".equals(row.get("status", String.class))) {
            return false;
        }
        String rebuild = ReadModels.rebuildProcessor(group);
        List<Table<?>> tables = ReadModels.tables(group);
        // the live tables before G's token rows: the order G's own batches take them in (rows, then the token),
        // so a batch committing on another node waits for the swap instead of deadlocking with it
        long start = System.nanoTime();
        dsl.execute("LOCK TABLE " + tables.stream().map(Table::getName).collect(joining(", "))
                + " IN ACCESS EXCLUSIVE MODE");
        List<Record> tokens = dsl.fetch("SELECT processor_name, segment, owner, timestamp FROM token_entry "
                + "WHERE processor_name IN (?, ?) ORDER BY processor_name, segment FOR UPDATE", group, rebuild);
        // claims are stamped by Axon's clock, not the application's
        Instant now = GenericEventMessage.clock.instant();
        for (Record token : tokens) {
            if (rebuild.equals(token.get("processor_name", String.class)) && token.get("owner") != null
                    && !stale(token.get("timestamp", String.class), now)) {
                log.debug("Rebuild {} of {}: segment {} still claimed by {}", id, group, token.get("segment"),
                        token.get("owner"));
                return false;
            }
        }
        if (tokens.stream().noneMatch(t -> rebuild.equals(t.get("processor_name", String.class)))) {
            return fail(id, "the rebuild processor " + rebuild + " has no tokens");
        }
        for (Table<?> table : tables) {
            if (dsl.fetchValue("SELECT to_regclass(?)::text", ReadModels.shadow(table)) == null) {
                return fail(id, "table " + ReadModels.shadow(table) + " is missing");
            }
        }
        for (Table<?> table : tables) {
            String live = table.getName();
            String shadow = ReadModels.shadow(table);
            Map<String, String> oldNames = new HashMap<>();
            indexes(live).forEach((definition, name) -> oldNames.put(definition, name));
            Map<String, String> newNames = indexes(shadow);
            dsl.execute("ALTER TABLE " + live + " RENAME TO " + live + "__old");
            dsl.execute("ALTER TABLE " + shadow + " RENAME TO " + live);
            dsl.execute("DROP TABLE " + live + "__old");
            newNames.forEach((definition, name) -> {
                String old = oldNames.get(definition);
                if (old != null && !old.equals(name)) {
                    dsl.execute("ALTER INDEX " + name + " RENAME TO " + old);
                }
            });
        }
        dsl.execute("DELETE FROM token_entry WHERE processor_name = ?", group);
        dsl.execute("UPDATE token_entry SET processor_name = ?, owner = NULL WHERE processor_name = ?", group, rebuild);
        dsl.execute("DELETE FROM dead_letter_entry WHERE processing_group = ?", group);
        dsl.execute("UPDATE dead_letter_entry SET processing_group = ? WHERE processing_group = ?", group, rebuild);
        dsl.execute("UPDATE projection_rebuild SET status = 'DONE', finished_at = ?::timestamptz, error = NULL WHERE id = ?::uuid",
                clock.instant().atOffset(ZoneOffset.UTC), id);
        log.warn("Rebuild {} of read model {} swapped in ({} ms with the tables locked): {} replaced", id, group,
                (System.nanoTime() - start) / 1_000_000, tables.stream().map(Table::getName).toList());
        return true;
    }

    /** The indexes of {@code table}: definition without its name and table (unique, method, columns) → name. */
    private Map<String, String> indexes(String table) {
        Map<String, String> indexes = new HashMap<>();
        for (Record index : dsl.fetch("SELECT c.relname AS name, i.indisunique AS uniq, pg_get_indexdef(i.indexrelid) "
                + "AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ?::regclass", table)) {
            String definition = index.get("def", String.class);
            String shape = index.get("uniq", Boolean.class) + definition.substring(definition.indexOf(" USING "));
            indexes.put(shape, index.get("name", String.class));
        }
        return indexes;
    }

    private boolean stale(String timestamp, Instant now) {
        try {
            return timestamp == null || Instant.parse(timestamp).plus(claimTimeout).isBefore(now);
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private boolean fail(UUID id, String error) {
        log.error("Rebuild {} failed: {}", id, error);
        dsl.execute("UPDATE projection_rebuild SET status = 'FAILED', finished_at = ?::timestamptz, error = ? WHERE id = ?::uuid",
                clock.instant().atOffset(ZoneOffset.UTC), error, id);
        return true;
    }
}

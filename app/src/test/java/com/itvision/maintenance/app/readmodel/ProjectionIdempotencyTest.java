package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.projections.support.Projections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every projection applies the same events twice, through its real pooled processor, and nothing changes.
 *
 * <p>Axon's {@code resetTokens} would call the {@code @ResetHandler}s (which truncate), so the events are
 * redelivered the way a crash between two commits would: with the processor shut down, each segment's
 * token is put back before the history ({@link TokenStore#storeToken}), then the processor starts again
 * and processes those events a second time over rows that already reflect them. A statement-level trigger
 * on every read table proves the handlers really wrote again (a statement fires it even when its
 * version guard matches no row).
 */
class ProjectionIdempotencyTest extends ReadModelTestSupport {
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactionManager;

    @AfterEach
    void dropProbe() {
        for (String table : readTables()) {
            jdbc.sql("DROP TRIGGER IF EXISTS redelivery_probe ON " + table).update();
            jdbc.sql("DROP TRIGGER IF EXISTS redelivery_row_probe ON " + table).update();
        }
        jdbc.sql("DROP FUNCTION IF EXISTS redelivery_probe()").update();
        jdbc.sql("DROP TABLE IF EXISTS redelivery_probe").update();
    }

    @Test
    void redelivering_every_event_of_a_history_changes_no_row_of_any_read_model() {
        long before = head();
        History history = history();
        long after = head();
        awaitReadModelsAt(after);
        Map<String, List<String>> applied = readModels();
        assertThat(applied.get("read_ticket")).anyMatch(row -> row.contains(history.ticketId()));

        installProbe();
        Projections.ALL.forEach(group -> rewind(group, before));
        awaitReadModelsAt(after);

        assertThat(head()).as("the redelivery stored no event").isEqualTo(after);
        assertThat(probe("STATEMENT")).as("statements executed again per table").containsKeys("read_contract",
                "read_contract_period", "read_ticket", "read_ticket_hold", "read_billet", "read_intervention",
                "read_user", "read_client", "read_project", "read_quote_request");
        assertThat(probe("ROW")).as("rows inserted, changed or deleted by the redelivery, even for a moment")
                .isEmpty();
        assertSameRows(readModels(), applied);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter_entry").query(Long.class).single())
                .as("no redelivered event failed").isZero();
    }

    /** Puts every segment of {@code group} back at {@code position} (a plain token: no replay, no reset handler). */
    private void rewind(String group, long position) {
        StreamingEventProcessor processor = processor(group);
        processor.shutDown();
        try {
            transactionManager.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(group)) {
                    tokenStore.fetchToken(group, segment); // claims it: the processor released it on shutdown
                    tokenStore.storeToken(GapAwareTrackingToken.newInstance(position, List.of()), group, segment);
                    tokenStore.releaseClaim(group, segment);
                }
            });
        } finally {
            processor.start();
        }
    }

    private void installProbe() {
        jdbc.sql("CREATE TABLE redelivery_probe (table_name text NOT NULL, level text NOT NULL)").update();
        jdbc.sql("""
                CREATE FUNCTION redelivery_probe() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO redelivery_probe VALUES (TG_TABLE_NAME, TG_LEVEL || ' ' || TG_OP);
                    RETURN NULL;
                END $$""").update();
        for (String table : readTables()) {
            jdbc.sql("CREATE TRIGGER redelivery_probe AFTER INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION redelivery_probe()").update();
            jdbc.sql("CREATE TRIGGER redelivery_row_probe AFTER INSERT OR UPDATE OR DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION redelivery_probe()").update();
        }
    }

    /** How many statements ({@code STATEMENT}) or changed rows ({@code ROW}) each table saw, by operation. */
    private Map<String, Long> probe(String level) {
        return jdbc.sql("SELECT table_name || ' ' || level FROM redelivery_probe WHERE level LIKE ?")
                .param(level + " %").query(String.class).list().stream()
                .collect(Collectors.groupingBy(t -> t.substring(0, t.indexOf(' ')), Collectors.counting()));
    }
}

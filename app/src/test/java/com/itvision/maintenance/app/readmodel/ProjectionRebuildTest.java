package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.projections.support.Projections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blue/green rebuilds (ADR 0015) of the read models over HTTP, checked against the tables: a rebuild
 * gives the same content as the incrementally built model (checksum), repairs rows no event wrote, never
 * lets a query see fewer rows while commands keep arriving, and can be cancelled without touching the live
 * model.
 */
class ProjectionRebuildTest extends ReadModelTestSupport {

    @Test
    void a_rebuild_equals_the_incremental_model_and_queries_never_see_fewer_rows_while_commands_arrive()
            throws Exception {
        history();
        awaitReadModelsAt(head());
        Map<String, String> incremental = checksums();
        Map<String, List<String>> rows = readModels();
        corrupt();
        assertThat(checksums()).as("the checksum sees a changed value").isNotEqualTo(incremental);

        // 1. without traffic: the rebuilt model is the incrementally built one, corrupted rows included
        long head = head();
        rebuild("analyst", Projections.ALL);
        assertThat(head()).as("a rebuild stores no event").isEqualTo(head);
        assertThat(checksums()).isEqualTo(incremental);
        assertSameRows(readModels(), rows);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_rebuild' "
                + "OR tablename LIKE '%\\_\\_old'").query(Long.class).single()).as("no copy left").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name LIKE '%#rebuild'")
                .query(Long.class).single()).isZero();

        // 2. with commands arriving and a query every few milliseconds on every read table
        Map<String, Long> before = counts();
        Map<String, Long> fewest = new ConcurrentHashMap<>(before);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    counts().forEach((table, n) -> fewest.merge(table, n, Math::min));
                    queries.incrementAndGet();
                    Thread.sleep(3);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        Thread writer = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                Response opened = open("lead", ECOMMERCE, CORRECTIVE, "Pendant la reconstruction " + UUID.randomUUID(),
                        "MINOR");
                if (opened.status() == 201) {
                    commands.incrementAndGet();
                } else {
                    failures.add(opened.toString());
                }
            }
        });
        try {
            for (String group : Projections.ALL) {
                Response requested = api.as("admin").post("/api/v1/admin/projections/" + group + "/rebuild");
                assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
                assertThat(requested.json().path("status").asString()).isIn("REQUESTED", "BUILDING");
                assertThat(requested.json().path("eventsTotal").asLong()).isPositive();
            }
            awaitRebuilt(Projections.ALL);
        } finally {
            running.set(false);
            writer.join();
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(commands.get()).as("commands during the rebuild").isPositive();
        assertThat(queries.get()).as("queries during the rebuild").isGreaterThan(10);
        before.forEach((table, n) -> assertThat(fewest.get(table)).as("fewest rows of %s seen", table)
                .isGreaterThanOrEqualTo(n));
        awaitReadModelsAt(head());
        assertThat(counts().get("read_ticket")).isEqualTo(before.get("read_ticket") + commands.get());

        // 3. what the swapped-in model plus the events after the swap gives equals a rebuild from nothing
        Map<String, String> afterLoad = checksums();
        rebuild("admin", Projections.ALL);
        assertThat(checksums()).isEqualTo(afterLoad);
        JsonNode overview = ok(api.as("analyst").get("/api/v1/admin/projections")).json();
        assertThat(overview.path("readModels").valueStream().toList()).hasSize(Projections.ALL.size()).allSatisfy(model -> {
            assertThat(model.path("status").asString()).as(model.toString()).isEqualTo("live");
            assertThat(model.path("rebuild").path("status").asString()).isEqualTo("DONE");
            assertThat(model.path("rebuild").path("progressPercent").asDouble()).isEqualTo(100.0);
            assertThat(model.path("deadLetters").asLong()).isZero();
        });
        System.out.printf("ProjectionRebuildTest: %d queries, %d commands during the rebuild of all read models; "
                + "fewest rows %s, before %s%n", queries.get(), commands.get(), fewest, before);
    }

    @Test
    void a_cancelled_rebuild_leaves_the_live_model_untouched() {
        awaitReadModelsAt(head());
        Map<String, String> live = checksums();
        Response requested = api.as("analyst").post("/api/v1/admin/projections/" + Projections.TICKETS + "/rebuild");
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        Response second = api.as("admin").post("/api/v1/admin/projections/" + Projections.TICKETS + "/rebuild");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("REBUILD_IN_PROGRESS");
        Response shadow = api.as("analyst").get("/api/v1/admin/projections/" + Projections.TICKETS
                + "/checksum?source=rebuild");
        assertThat(shadow.status()).as(shadow.toString()).isEqualTo(200);
        assertThat(shadow.json().path("source").asString()).isEqualTo("rebuild");

        Response cancelled = api.as("analyst").delete("/api/v1/admin/projections/" + Projections.TICKETS + "/rebuild");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.as("analyst").get("/api/v1/admin/projections/" + Projections.TICKETS + "/rebuild")
                .json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_rebuild'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ?")
                .param(Projections.TICKETS + "#rebuild").query(Long.class).single()).isZero();
        assertThat(checksums()).isEqualTo(live);
        Response again = api.as("analyst").delete("/api/v1/admin/projections/" + Projections.TICKETS + "/rebuild");
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        Response noShadow = api.as("analyst").get("/api/v1/admin/projections/" + Projections.TICKETS
                + "/checksum?source=rebuild");
        assertThat(noShadow.status()).as(noShadow.toString()).isEqualTo(404);
    }

    @Test
    void only_admin_and_analyst_rebuild_and_only_read_models() {
        String base = "/api/v1/admin/projections/" + Projections.BILLETS;
        for (String user : List.of("lead", "tech", "client", "sales", "manager", "auditor")) {
            for (Response refused : List.of(api.as(user).post(base + "/rebuild"), api.as(user).get(base + "/rebuild"),
                    api.as(user).delete(base + "/rebuild"), api.as(user).get(base + "/checksum"),
                    api.as(user).get("/api/v1/admin/projections"))) {
                assertThat(refused.status()).as(user + " " + refused).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
            }
        }
        for (String group : List.of("nope", "command-lookups")) {
            String path = "/api/v1/admin/projections/" + group;
            for (Response unknown : List.of(api.as("admin").post(path + "/rebuild"), api.as("admin").get(path + "/rebuild"),
                    api.as("admin").delete(path + "/rebuild"), api.as("analyst").get(path + "/checksum"))) {
                assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
                assertThat(unknown.code()).isEqualTo("NOT_FOUND");
            }
        }
        Response badSource = api.as("admin").get(base + "/checksum?source=elsewhere");
        assertThat(badSource.status()).as(badSource.toString()).isEqualTo(400);
        assertThat(badSource.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.as("admin").post("/api/v1/admin/projections/" + Projections.BILLETS + "/replay").status())
                .as("the truncating replay is gone").isIn(404, 405);
    }

    /** Row counts of every live read table. */
    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("read_user", "read_team_member", "read_client", "read_project", "read_quote_request",
                "read_contract", "read_contract_period", "read_ticket", "read_ticket_hold", "read_billet",
                "read_intervention")) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    /** A value no event wrote, in a row of every read model. */
    private void corrupt() {
        List<String> statements = new ArrayList<>(List.of(
                "UPDATE read_client SET name = 'CORRUPT' WHERE client_id = (SELECT min(client_id) FROM read_client)",
                "UPDATE read_contract SET name = 'CORRUPT' WHERE contract_id = (SELECT min(contract_id) FROM read_contract)",
                "UPDATE read_ticket SET title = 'CORRUPT' WHERE ticket_id = (SELECT min(ticket_id) FROM read_ticket)",
                "UPDATE read_billet SET status = 'CORRUPT' WHERE billet_id = (SELECT min(billet_id) FROM read_billet)",
                "UPDATE read_intervention SET description = 'CORRUPT' "
                        + "WHERE intervention_id = (SELECT min(intervention_id) FROM read_intervention)",
                "UPDATE read_sla_ticket SET number = 'CORRUPT' WHERE ticket_id = (SELECT min(ticket_id) FROM read_sla_ticket)",
                "UPDATE read_sla_rollup SET tickets = tickets + 1000 WHERE ctid = (SELECT min(ctid) FROM read_sla_rollup)"));
        statements.forEach(sql -> assertThat(jdbc.sql(sql).update()).as(sql).isEqualTo(1));
    }
}

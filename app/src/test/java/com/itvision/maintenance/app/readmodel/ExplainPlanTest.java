package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.IntegrationTest;
import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.query.contract.ContractQueries;
import com.itvision.maintenance.query.support.Paging;
import com.itvision.maintenance.query.support.QueryScope;
import com.itvision.maintenance.query.ticket.TicketQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The SQL the query side really sends (captured from {@link ContractQueries} and {@link TicketQueries}
 * while they run) is planned by PostgreSQL without a sequential scan of {@code read_ticket} or
 * {@code read_contract}. The read tables are copied (with their indexes) into a schema of this test's
 * own, filled with thousands of synthetic rows and analyzed, all in one transaction that is rolled back:
 * nothing leaks into the shared database.
 */
class ExplainPlanTest extends IntegrationTest {
    static final List<String> WATCHED = List.of("read_ticket", "read_contract");

    @Autowired
    DSLContext dsl;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void list_detail_and_portal_queries_never_scan_read_ticket_or_read_contract_sequentially() {
        TransactionTemplate rolledBack = new TransactionTemplate(transactions);
        Map<String, List<String>> seqScans = new LinkedHashMap<>();
        rolledBack.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            isolateAndFill();
            plans().forEach((name, sql) -> seqScans.put(name, seqScans(explain(sql))));
        });
        assertThat(seqScans).isNotEmpty().allSatisfy((name, scans) -> assertThat(scans).as(name).isEmpty());
    }

    /** Each named query's SQL statements touching a watched table, captured while the query side runs them. */
    private Map<String, String> plans() {
        List<Query> captured = new ArrayList<>();
        DSLContext capturing = dsl.configuration().derive(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.query() != null) {
                    captured.add(ctx.query());
                }
            }
        }).dsl();
        ContractQueries contracts = new ContractQueries(capturing, clock);
        TicketQueries tickets = new TicketQueries(capturing, clock);
        Actor client = Actor.client("user-c17", ClientId.of("c-17"));
        Actor sales = Actor.of("rep-3", Role.SALES);
        Actor manager = Actor.of("mgr-1", Role.MANAGER);
        Actor tech = Actor.of("tech-7", Role.TECHNICIAN);
        Actor admin = Actor.of("admin", Role.ADMIN);
        Paging page = Paging.of(0, 50);
        ContractQueries.Filter noContractFilter = new ContractQueries.Filter(null, null, null, null, null, null, null);

        Map<String, Runnable> queries = new LinkedHashMap<>();
        queries.put("portal contracts of a client", () -> contracts.portal(QueryScope.of(client, capturing)));
        queries.put("contracts of a client", () -> contracts.list(QueryScope.of(client, capturing), noContractFilter,
                null, page));
        queries.put("contracts of a sales rep", () -> contracts.list(QueryScope.of(sales, capturing), noContractFilter,
                null, page));
        queries.put("contracts of a manager's team", () -> contracts.list(QueryScope.of(manager, capturing),
                noContractFilter, null, page));
        queries.put("contracts filtered by client", () -> contracts.list(QueryScope.of(admin, capturing),
                new ContractQueries.Filter(null, null, null, "c-17", null, null, null), null, page));
        queries.put("contracts filtered by sales rep", () -> contracts.list(QueryScope.of(admin, capturing),
                new ContractQueries.Filter(null, null, null, null, null, "rep-3", null), null, page));
        queries.put("contract by id", () -> contracts.get(QueryScope.of(admin, capturing), "k-42"));
        queries.put("portal tickets of a client", () -> tickets.list(QueryScope.of(client, capturing),
                ticketFilter(null, null, null, null), null, page));
        queries.put("tickets of a sales rep's clients", () -> tickets.list(QueryScope.of(sales, capturing),
                ticketFilter(null, null, null, null), null, page));
        queries.put("tickets filtered by client", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter(null, null, "c-17", null), null, page));
        queries.put("tickets, all, first page (staff)", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter(null, null, null, null), null, page));
        queries.put("tickets, all, a later page (staff)", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter(null, null, null, null), null, Paging.of(20, 50)));
        queries.put("tickets by status", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter("OPEN", null, null, null), null, page));
        queries.put("tickets by project", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter(null, "p-42", null, null), null, page));
        queries.put("tickets of their assignee", () -> tickets.list(QueryScope.of(tech, capturing),
                ticketFilter(null, null, null, null), null, page));
        queries.put("tickets filtered by assignee", () -> tickets.list(QueryScope.of(admin, capturing),
                ticketFilter(null, null, null, "tech-7"), null, page));
        queries.put("ticket by id", () -> tickets.get(QueryScope.of(admin, capturing), "t-42"));

        Map<String, String> sql = new LinkedHashMap<>();
        queries.forEach((name, query) -> {
            captured.clear();
            query.run();
            int i = 0;
            for (Query q : captured) {
                String rendered = dsl.renderInlined(q);
                if (WATCHED.stream().anyMatch(rendered::contains)) {
                    sql.put(name + " #" + ++i, rendered);
                }
            }
            assertThat(i).as("%s reads a watched table", name).isPositive();
        });
        return sql;
    }

    private static TicketQueries.Filter ticketFilter(String status, String project, String client, String assignee) {
        return new TicketQueries.Filter(status, null, project, client, null, assignee, null, null, null, null);
    }

    private JsonNode explain(String sql) {
        return Api.JSON.readTree(jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).query(String.class).single());
    }

    /**
     * Every sequential scan of a watched table in the plan, with its filter; except an unfiltered one right under
     * a Limit (the capped count of a list, {@code Paging.MAX_COUNTED}): it reads at most that many rows.
     */
    private static List<String> seqScans(JsonNode plan) {
        List<String> found = new ArrayList<>();
        walk(plan.get(0).path("Plan"), null, found);
        return found;
    }

    private static void walk(JsonNode node, JsonNode parent, List<String> found) {
        String relation = node.path("Relation Name").asString();
        boolean bounded = parent != null && "Limit".equals(parent.path("Node Type").asString())
                && node.path("Filter").isMissingNode();
        if ("Seq Scan".equals(node.path("Node Type").asString()) && WATCHED.contains(relation) && !bounded) {
            found.add("Seq Scan on " + relation + " filter " + node.path("Filter").asString());
        }
        node.path("Plans").forEach(child -> walk(child, node, found));
    }

    /**
     * Copies of every read table (indexes included) in a schema first on the search path, for this
     * transaction only, with 200 clients (20 sales reps, two of them in a manager's team), 4 000 contracts
     * and periods, 10 000 tickets (5 % OPEN, 400 projects, 50 technicians) and 4 000 interventions.
     */
    private void isolateAndFill() {
        String schema = "explain_" + Long.toHexString(System.nanoTime());
        jdbc.sql("CREATE SCHEMA " + schema).update();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                + "'public' AND table_name LIKE 'read\\_%'").query(String.class).list();
        for (String table : tables) {
            jdbc.sql("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)").update();
        }
        jdbc.sql("SET LOCAL search_path TO " + schema).update();
        jdbc.sql("""
                INSERT INTO read_client (client_id, name, sales_rep_id)
                SELECT 'c-' || i, 'Client ' || i, 'rep-' || (i % 20) FROM generate_series(0, 199) i""").update();
        jdbc.sql("INSERT INTO read_team_member VALUES ('mgr-1', 'rep-3'), ('mgr-1', 'rep-4')").update();
        jdbc.sql("""
                INSERT INTO read_contract (contract_id, number, client_id, project_id, sales_rep_id, name, kind, type,
                    status, start_date, end_date, annual_price_minor, currency, payment_frequency, sla_hours,
                    support_hours, time_zone, quota_included, tacit_renewal, revision, coverage, services,
                    proposed_at, version)
                SELECT 'k-' || i, 'MC-X-' || i, 'c-' || (i % 200), 'p-' || (i % 400),
                    CASE WHEN i % 3 = 0 THEN 'rep-' || (i % 20) END, 'Contrat ' || i, 'MAINTENANCE', 'PREVENTIVE',
                    (ARRAY['ACTIVE', 'EXPIRED', 'TERMINATED', 'DRAFT', 'DECLINED', 'SUSPENDED'])[1 + i % 6],
                    date '2025-01-01' + i % 365, date '2026-01-01' + i % 365, 1200000, 'XOF', 'ANNUAL', 24,
                    'ALWAYS', 'UTC', 4, true, 1,
                    '{"description":"Préventif","exclusions":null,"equipment":[],"sites":[]}', '[]',
                    timestamptz '2025-01-01', 1
                FROM generate_series(0, 3999) i""").update();
        jdbc.sql("""
                INSERT INTO read_contract_period (contract_id, period_index, start_date, end_date, used,
                    annual_price_minor)
                SELECT contract_id, 0, start_date, end_date, 1, annual_price_minor FROM read_contract""").update();
        jdbc.sql("""
                INSERT INTO read_ticket (ticket_id, number, client_id, project_id, contract_id, title, severity,
                    origin, status, covered, coverage_reason_code, opened_at, assignee_id, version)
                SELECT 't-' || i, 'MAINT-X-' || i, 'c-' || (i % 200), 'p-' || (i % 400), 'k-' || (i % 4000),
                    'Ticket ' || i, 'MINOR', 'CLIENT',
                    CASE i % 20 WHEN 0 THEN 'OPEN' WHEN 1 THEN 'IN_PROGRESS' WHEN 2 THEN 'RESOLVED'
                        WHEN 3 THEN 'REJECTED' ELSE 'CLOSED' END,
                    false, 'NO_CONTRACT', timestamptz '2025-01-01' + i * interval '17 minutes', 'tech-' || (i % 50), 1
                FROM generate_series(0, 9999) i""").update();
        jdbc.sql("""
                INSERT INTO read_intervention (intervention_id, ticket_id, billet_id, client_id, contract_id,
                    technician_id, description, started_at, ended_at, hours_spent, covered, overrun, version)
                SELECT 'i-' || i, 't-' || (i % 10000), 'b-' || i, 'c-' || (i % 200), 'k-' || (i % 4000),
                    'tech-' || (i % 50), 'Visite', timestamptz '2025-01-01' + i * interval '1 hour',
                    timestamptz '2025-01-01' + i * interval '1 hour' + interval '2 hours', 2, true, false, 1
                FROM generate_series(0, 3999) i""").update();
        for (String table : tables) {
            jdbc.sql("ANALYZE " + table).update();
        }
    }
}

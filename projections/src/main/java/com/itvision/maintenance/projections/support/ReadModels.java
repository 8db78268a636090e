package com.itvision.maintenance.projections.support;

import static com.itvision.maintenance.projections.jooq.Tables.READ_BILLET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT_PERIOD;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.jooq.Tables.READ_PROJECT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_QUOTE_REQUEST;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_CONTRACT_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_HISTOGRAM;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_ROLLUP;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TEAM_MEMBER;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET_HOLD;
import static com.itvision.maintenance.projections.jooq.Tables.READ_USER;

import java.util.List;
import java.util.Map;
import org.jooq.Table;

/**
 * The tables each read model (processing group) owns, for blue/green rebuilds (ADR 0015): a rebuild of
 * group G runs the processor {@code G#rebuild} with the same handler code, writing into
 * {@code <table>__rebuild} copies of these tables, then swaps them in.
 */
public final class ReadModels {
    public static final String SHADOW_SUFFIX = "__rebuild";
    public static final String REBUILD_SUFFIX = "#rebuild";

    private static final Map<String, List<Table<?>>> TABLES = Map.of(
            Projections.DIRECTORY, List.of(READ_USER, READ_TEAM_MEMBER, READ_CLIENT, READ_PROJECT, READ_QUOTE_REQUEST),
            Projections.CONTRACTS, List.of(READ_CONTRACT, READ_CONTRACT_PERIOD),
            Projections.TICKETS, List.of(READ_TICKET, READ_TICKET_HOLD),
            Projections.BILLETS, List.of(READ_BILLET),
            Projections.INTERVENTIONS, List.of(READ_INTERVENTION),
            Projections.SLA_DASHBOARD, List.of(READ_SLA_TICKET, READ_SLA_ROLLUP, READ_SLA_CONTRACT_ROLLUP,
                    READ_SLA_HISTOGRAM));

    static {
        if (!TABLES.keySet().equals(java.util.Set.copyOf(Projections.ALL))) {
            throw new IllegalStateException("Read-model tables do not cover " + Projections.ALL);
        }
    }

    private ReadModels() {
    }

    /** The tables of read model {@code group}, in the order they are swapped. */
    public static List<Table<?>> tables(String group) {
        List<Table<?>> tables = TABLES.get(group);
        if (tables == null) {
            throw new IllegalArgumentException("No read model " + group);
        }
        return tables;
    }

    public static String shadow(Table<?> table) {
        return table.getName() + SHADOW_SUFFIX;
    }

    /** The name of the processor that rebuilds {@code group}. */
    public static String rebuildProcessor(String group) {
        return group + REBUILD_SUFFIX;
    }
}

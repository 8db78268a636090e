package com.itvision.maintenance.query.support;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TEAM_MEMBER;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.Role;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the caller may see, as SQL conditions applied to every query (lists, details, totals):
 * ADMIN, PROJECT_LEAD, ANALYST and AUDITOR see everything; a CLIENT only its own client's data; SALES
 * the contracts it sells and the clients it follows; MANAGER those of its team (and its own); a
 * TECHNICIAN the tickets it is assigned to.
 */
public final class QueryScope {
    private final Actor actor;
    private final boolean everything;
    private final List<String> salesReps;
    private final List<String> repClients;

    private QueryScope(Actor actor, boolean everything, List<String> salesReps, List<String> repClients) {
        this.actor = actor;
        this.everything = everything;
        this.salesReps = salesReps;
        this.repClients = repClients;
    }

    public static QueryScope of(Actor actor, DSLContext dsl) {
        boolean everything = actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD, Role.ANALYST, Role.AUDITOR);
        List<String> reps = new ArrayList<>();
        if (actor.hasAny(Role.SALES, Role.MANAGER)) {
            reps.add(actor.userId().value());
        }
        if (actor.has(Role.MANAGER)) {
            reps.addAll(dsl.select(READ_TEAM_MEMBER.SALES_REP_ID).from(READ_TEAM_MEMBER)
                    .where(READ_TEAM_MEMBER.MANAGER_ID.eq(actor.userId().value())).fetch(READ_TEAM_MEMBER.SALES_REP_ID));
        }
        // The reps' clients are looked up here rather than as a sub-select: "client_id IN (SELECT ...) OR
        // sales_rep_id IN (...)" cannot use the indexes, PostgreSQL scans read_contract (ExplainPlanTest).
        List<String> clients = everything || reps.isEmpty() ? List.of()
                : dsl.select(READ_CLIENT.CLIENT_ID).from(READ_CLIENT).where(READ_CLIENT.SALES_REP_ID.in(reps))
                        .fetch(READ_CLIENT.CLIENT_ID);
        return new QueryScope(actor, everything, List.copyOf(reps), List.copyOf(clients));
    }

    public Actor actor() {
        return actor;
    }

    public boolean seesEverything() {
        return everything;
    }

    public boolean isClient() {
        return !everything && actor.has(Role.CLIENT);
    }

    /** The sales reps whose rows this caller sees (itself, and its team for a MANAGER). */
    public List<String> salesReps() {
        return salesReps;
    }

    public Condition clients(Field<String> clientId) {
        if (everything) {
            return DSL.trueCondition();
        }
        Condition visible = DSL.falseCondition();
        if (actor.has(Role.CLIENT) && actor.clientId() != null) {
            visible = visible.or(clientId.eq(actor.clientId().value()));
        }
        if (!repClients.isEmpty()) {
            visible = visible.or(clientId.eq(DSL.any(repClients.toArray(String[]::new))));
        }
        return visible;
    }

    public Condition contracts() {
        Condition visible = clients(READ_CONTRACT.CLIENT_ID);
        return salesReps.isEmpty() ? visible : visible.or(READ_CONTRACT.SALES_REP_ID.in(salesReps));
    }

    public Condition tickets() {
        Condition visible = clients(READ_TICKET.CLIENT_ID);
        return actor.has(Role.TECHNICIAN) && !everything
                ? visible.or(READ_TICKET.ASSIGNEE_ID.eq(actor.userId().value()))
                : visible;
    }

    /** Contracts and commercial figures are not for technicians (they see their tickets only). */
    public QueryScope requireCommercialAccess() {
        if (!everything && salesReps.isEmpty() && !actor.has(Role.CLIENT)) {
            throw DomainException.forbidden("Your role does not see contracts");
        }
        return this;
    }
}

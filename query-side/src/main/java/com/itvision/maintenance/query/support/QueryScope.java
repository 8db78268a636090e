package com.itvision.maintenance.query.support;

import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TEAM_MEMBER;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.Role;
import com.itvision.maintenance.kernel.common.UserId;
import com.itvision.maintenance.kernel.common.Visibility;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the caller may see, as SQL conditions applied to every query (lists, details, totals). The rule
 * itself is {@link Visibility} (shared with the command side's {@code /state} endpoints); this class is
 * its SQL form: {@link #clients} is {@link Visibility#seesClient}, {@link #contracts} is
 * {@link Visibility#seesContract} and {@link #tickets} is {@link Visibility#seesTicket}, with the reps'
 * clients looked up once per request instead of per row.
 */
public final class QueryScope {
    private final Actor actor;
    private final Visibility visibility;
    private final List<String> salesReps;
    private final List<String> repClients;

    private QueryScope(Actor actor, Visibility visibility, List<String> repClients) {
        this.actor = actor;
        this.visibility = visibility;
        this.salesReps = visibility.salesReps().stream().map(UserId::value).sorted().toList();
        this.repClients = repClients;
    }

    public static QueryScope of(Actor actor, DSLContext dsl) {
        Visibility visibility = Visibility.of(actor, manager -> dsl.select(READ_TEAM_MEMBER.SALES_REP_ID)
                .from(READ_TEAM_MEMBER).where(READ_TEAM_MEMBER.MANAGER_ID.eq(manager.value()))
                .fetch(READ_TEAM_MEMBER.SALES_REP_ID).stream().map(UserId::of).toList());
        List<String> reps = visibility.salesReps().stream().map(UserId::value).toList();
        // The reps' clients are looked up here rather than as a sub-select: "client_id IN (SELECT ...) OR
        // sales_rep_id IN (...)" cannot use the indexes, PostgreSQL scans read_contract (ExplainPlanTest).
        List<String> clients = reps.isEmpty() ? List.of()
                : dsl.select(READ_CLIENT.CLIENT_ID).from(READ_CLIENT).where(READ_CLIENT.SALES_REP_ID.in(reps))
                        .fetch(READ_CLIENT.CLIENT_ID);
        return new QueryScope(actor, visibility, List.copyOf(clients));
    }

    public Actor actor() {
        return actor;
    }

    public boolean seesEverything() {
        return visibility.everything();
    }

    public boolean isClient() {
        return !visibility.everything() && actor.has(Role.CLIENT);
    }

    /** The sales reps whose rows this caller sees (itself, and its team for a MANAGER). */
    public List<String> salesReps() {
        return salesReps;
    }

    public Condition clients(Field<String> clientId) {
        if (visibility.everything()) {
            return DSL.trueCondition();
        }
        Condition visible = DSL.falseCondition();
        if (visibility.ownClient() != null) {
            visible = visible.or(clientId.eq(visibility.ownClient().value()));
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
        return visibility.technician() != null && !visibility.everything()
                ? visible.or(READ_TICKET.ASSIGNEE_ID.eq(visibility.technician().value()))
                : visible;
    }

    /** Contracts and commercial figures are not for technicians (they see their tickets only). */
    public QueryScope requireCommercialAccess() {
        if (!visibility.seesCommercialData()) {
            throw DomainException.forbidden("Your role does not see contracts");
        }
        return this;
    }
}

package com.itvision.maintenance.kernel.common;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which clients, contracts and tickets a caller may see: the one definition of the rule, used by the
 * read models' SQL scope (query side) and by the aggregates' {@code /state} endpoints (command side).
 * <ul>
 *   <li>ADMIN, PROJECT_LEAD, ANALYST and AUDITOR see everything;</li>
 *   <li>a CLIENT user its own client's data;</li>
 *   <li>SALES the clients it follows and the contracts it sells; a MANAGER those of its team's reps and
 *       its own;</li>
 *   <li>a TECHNICIAN the tickets assigned to it, and no contracts.</li>
 * </ul>
 * Roles add up: a user with several roles sees the union. Something a caller may not see is answered
 * as if it did not exist (404), never 403, so nobody learns that another client's resource exists.
 */
public final class Visibility {
    private final boolean everything;
    private final boolean client;
    private final ClientId ownClient;
    private final Set<UserId> salesReps;
    private final UserId technician;

    private Visibility(boolean everything, boolean client, ClientId ownClient, Set<UserId> salesReps,
                       UserId technician) {
        this.everything = everything;
        this.client = client;
        this.ownClient = ownClient;
        this.salesReps = Set.copyOf(salesReps);
        this.technician = technician;
    }

    /**
     * @param teamOf the sales reps a MANAGER leads; only called for a MANAGER, so other callers cost no
     *               lookup
     */
    public static Visibility of(Actor actor, Function<UserId, ? extends Collection<UserId>> teamOf) {
        Objects.requireNonNull(actor, "actor");
        boolean everything = actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD, Role.ANALYST, Role.AUDITOR);
        Set<UserId> reps = new LinkedHashSet<>();
        if (!everything && actor.hasAny(Role.SALES, Role.MANAGER)) {
            reps.add(actor.userId());
            if (actor.has(Role.MANAGER)) {
                reps.addAll(teamOf.apply(actor.userId()));
            }
        }
        boolean client = actor.has(Role.CLIENT);
        return new Visibility(everything, client, client ? actor.clientId() : null, reps,
                actor.has(Role.TECHNICIAN) ? actor.userId() : null);
    }

    public boolean everything() {
        return everything;
    }

    /** The client of a CLIENT user, or null. */
    public ClientId ownClient() {
        return ownClient;
    }

    /** The sales reps whose clients and contracts the caller sees: itself, and its team for a MANAGER. */
    public Set<UserId> salesReps() {
        return salesReps;
    }

    /** The caller itself when it is a TECHNICIAN (it sees the tickets assigned to it), else null. */
    public UserId technician() {
        return technician;
    }

    /** Contracts and commercial figures: staff who see everything, sales reps and managers, CLIENT users. */
    public boolean seesCommercialData() {
        return everything || !salesReps.isEmpty() || client;
    }

    /**
     * @param clientSalesRep the rep who follows {@code clientId} (null if none); only consulted when
     *                       {@link #salesReps()} is not empty
     */
    public boolean seesClient(ClientId clientId, UserId clientSalesRep) {
        return everything
                || ownClient != null && ownClient.equals(clientId)
                || clientSalesRep != null && salesReps.contains(clientSalesRep);
    }

    /**
     * A contract: its client is visible, or the caller (or its team) sells it. Callers without
     * {@link #seesCommercialData()} are refused contracts altogether (403) before this is asked.
     */
    public boolean seesContract(ClientId clientId, UserId clientSalesRep, UserId contractSalesRep) {
        return seesClient(clientId, clientSalesRep)
                || contractSalesRep != null && salesReps.contains(contractSalesRep);
    }

    /** A ticket: its client is visible, or it is assigned to the calling technician. */
    public boolean seesTicket(ClientId clientId, UserId clientSalesRep, UserId assignee) {
        return seesClient(clientId, clientSalesRep) || technician != null && technician.equals(assignee);
    }
}

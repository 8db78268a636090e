package com.itvision.maintenance.app.support;

import com.itvision.maintenance.app.support.OpenApiOperations.Operation;
import com.itvision.maintenance.app.support.World.Owner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * For an operation with a path resource, a fresh resource of an owner in the state the operation acts on
 * (a DRAFT contract for {@code activate}, a RESOLVED and confirmed ticket for {@code close}), so that a
 * caller the API allows would succeed on it. Operations not listed get a resource by the collection their
 * path names ({@code /contracts/{id}/...}: an ACTIVE contract), see {@link #byCollection}.
 */
public final class ReadyResources {
    /** The projection group that operations on {@code {group}} act on. */
    public static final String GROUP = "billet-projection";

    /** A resource and what the callers of its operation depend on. */
    public record Ready(String id, String kind, Owner owner, String technicianUser) {
    }

    private static final Map<String, BiFunction<World, Owner, Ready>> STATES = Map.ofEntries(
            contract("POST /api/v1/contracts/{id}/activate", "DRAFT"),
            contract("POST /api/v1/contracts/{id}/accept", "DRAFT"),
            contract("POST /api/v1/contracts/{id}/decline", "DRAFT"),
            contract("POST /api/v1/contracts/{id}/suspend", "ACTIVE"),
            contract("POST /api/v1/contracts/{id}/resume", "SUSPENDED"),
            contract("POST /api/v1/contracts/{id}/terminate", "ACTIVE"),
            contract("POST /api/v1/contracts/{id}/renew", "ACTIVE"),
            contract("POST /api/v1/contracts/{id}/amend", "ACTIVE"),
            ticket("POST /api/v1/tickets/{id}/reject", "OPEN"),
            ticket("POST /api/v1/tickets/{id}/approve-billing", "BILLABLE"),
            ticket("POST /api/v1/tickets/{id}/hold", "OPEN"),
            ticket("POST /api/v1/tickets/{id}/resume", "ON_HOLD"),
            ticket("POST /api/v1/tickets/{id}/reclassify", "OPEN"),
            ticket("POST /api/v1/tickets/{id}/billets", "OPEN"),
            ticket("POST /api/v1/tickets/{id}/confirm", "RESOLVED"),
            ticket("POST /api/v1/tickets/{id}/close", "CONFIRMED"),
            ticket("POST /api/v1/tickets/{id}/rate", "CLOSED"),
            ticket("POST /api/v1/tickets/{id}/reopen", "RESOLVED"),
            ticket("POST /api/v1/tickets/{id}/reassign", "ASSIGNED"),
            Map.entry("POST /api/v1/interventions/{id}/report/validate", intervention(true)),
            Map.entry("POST /api/v1/interventions/{id}/report/reject", intervention(true)),
            Map.entry("PUT /api/v1/interventions/{id}/report", intervention(false)),
            Map.entry("POST /api/v1/interventions/{id}/correct", intervention(false)),
            Map.entry("POST /api/v1/interventions/{id}/cancel", intervention(false)),
            Map.entry("POST /api/v1/users/{id}/roles", user(List.of("TECHNICIAN"), false)),
            Map.entry("POST /api/v1/users/{id}/roles/revoke", user(List.of("TECHNICIAN", "SALES"), false)),
            Map.entry("POST /api/v1/users/{id}/client", user(List.of("CLIENT"), true)),
            Map.entry("POST /api/v1/users/{id}/team", user(List.of("MANAGER"), false)));

    private ReadyResources() {
    }

    /** The operations whose resource state is chosen here rather than by collection. */
    public static boolean listed(Operation operation) {
        return STATES.containsKey(operation.name());
    }

    /** A fresh resource for {@code operation}, or empty when its path has no resource. */
    public static Optional<Ready> of(World world, Owner owner, Operation operation) {
        BiFunction<World, Owner, Ready> state = STATES.get(operation.name());
        if (state != null) {
            return Optional.of(state.apply(world, owner));
        }
        return byCollection(world, owner, operation.path());
    }

    /**
     * By the collection before the path's variable: a contract ACTIVE, a ticket assigned to the owner's
     * technician, a billet of it, an intervention without a report, a user, a projection group.
     */
    public static Optional<Ready> byCollection(World world, Owner owner, String path) {
        if (!path.contains("{")) {
            return Optional.empty();
        }
        String collection = path.substring(0, path.indexOf("/{"));
        collection = collection.substring(collection.lastIndexOf('/') + 1);
        return Optional.of(switch (collection) {
            case "contracts" -> new Ready(world.contract(owner, "ACTIVE"), "contract", owner, null);
            case "tickets" -> new Ready(world.ticket(owner, "ASSIGNED"), "ticket", owner, owner.technicianUser());
            case "billets" -> new Ready(world.billet(owner).billetId(), "billet", owner, owner.technicianUser());
            case "interventions" -> new Ready(world.intervention(owner, false).interventionId(), "intervention", owner,
                    owner.technicianUser());
            case "users" -> user(List.of("TECHNICIAN"), false).apply(world, owner);
            case "projections", "dead-letters" -> new Ready(GROUP, "group", null, null);
            case "checkpoints" -> new Ready(world.as("admin").post("/api/v1/audit/checkpoints").json().path("id")
                    .asString(), "checkpoint", null, null);
            default -> new Ready("unknown-" + collection, "unknown", owner, null);
        });
    }

    private static Map.Entry<String, BiFunction<World, Owner, Ready>> contract(String operation, String state) {
        return Map.entry(operation, (world, owner) -> new Ready(world.contract(owner, state), "contract", owner, null));
    }

    private static Map.Entry<String, BiFunction<World, Owner, Ready>> ticket(String operation, String state) {
        return Map.entry(operation, (world, owner) -> new Ready(world.ticket(owner, state), "ticket", owner,
                state.equals("OPEN") || state.equals("BILLABLE") || state.equals("ON_HOLD") ? null : owner.technicianUser()));
    }

    private static BiFunction<World, Owner, Ready> intervention(boolean report) {
        return (world, owner) -> new Ready(world.intervention(owner, report).interventionId(), "intervention", owner,
                owner.technicianUser());
    }

    private static BiFunction<World, Owner, Ready> user(List<String> roles, boolean bound) {
        return (world, owner) -> {
            String username = world.user(roles, bound ? owner.clientId() : null);
            return new Ready(world.userId(username), "user", null, null);
        };
    }
}

package com.itvision.maintenance.app.ops;

import static com.itvision.maintenance.projections.jooq.Tables.READ_BILLET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CLIENT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_CONTRACT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_INTERVENTION;
import static com.itvision.maintenance.projections.jooq.Tables.READ_PROJECT;
import static com.itvision.maintenance.projections.jooq.Tables.READ_SLA_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_TICKET;
import static com.itvision.maintenance.projections.jooq.Tables.READ_USER;

import com.itvision.maintenance.kernel.directory.ClientEvent.ClientRegistered;
import com.itvision.maintenance.kernel.directory.ProjectEvent.ProjectCreated;
import com.itvision.maintenance.kernel.directory.UserEvent.UserRegistered;
import com.itvision.maintenance.projections.contract.ContractProjection;
import com.itvision.maintenance.projections.directory.DirectoryProjection;
import com.itvision.maintenance.projections.sla.SlaDashboardProjection;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.projections.ticket.BilletProjection;
import com.itvision.maintenance.projections.ticket.InterventionProjection;
import com.itvision.maintenance.projections.ticket.TicketProjection;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * What {@link ReadModelReconciliation} compares, per read-model processing group: which events (payload
 * types, read by reflection from the projection's {@code @EventHandler}s, so the list cannot drift from the
 * code) must be reflected in which table, keyed by the aggregate id.
 */
final class ReconciliationTargets {

    /**
     * Rows of {@code table} keyed {@code key = aggregate id} must exist for every aggregate with one of
     * {@code payloadTypes}; when {@code version} is set, it must be at least the sequence number of the
     * aggregate's last such event, and {@code applied} (set with it) must count the aggregate's such
     * events up to that version.
     */
    record Target(String table, String key, String version, String applied, Set<String> payloadTypes) {
    }

    record Group(String name, List<Target> targets) {
    }

    /** The six read models, in {@link Projections#ALL} order. */
    static final List<Group> ALL = List.of(
            new Group(group(DirectoryProjection.class), List.of(
                    created(DirectoryProjection.class, UserRegistered.class, READ_USER, READ_USER.USER_ID),
                    created(DirectoryProjection.class, ClientRegistered.class, READ_CLIENT, READ_CLIENT.CLIENT_ID),
                    created(DirectoryProjection.class, ProjectCreated.class, READ_PROJECT, READ_PROJECT.PROJECT_ID))),
            versioned(ContractProjection.class, READ_CONTRACT, READ_CONTRACT.CONTRACT_ID, READ_CONTRACT.VERSION,
                    READ_CONTRACT.APPLIED),
            versioned(TicketProjection.class, READ_TICKET, READ_TICKET.TICKET_ID, READ_TICKET.VERSION,
                    READ_TICKET.APPLIED),
            versioned(BilletProjection.class, READ_BILLET, READ_BILLET.BILLET_ID, READ_BILLET.VERSION,
                    READ_BILLET.APPLIED),
            versioned(InterventionProjection.class, READ_INTERVENTION, READ_INTERVENTION.INTERVENTION_ID,
                    READ_INTERVENTION.VERSION, READ_INTERVENTION.APPLIED),
            versioned(SlaDashboardProjection.class, READ_SLA_TICKET, READ_SLA_TICKET.TICKET_ID,
                    READ_SLA_TICKET.VERSION, READ_SLA_TICKET.APPLIED));

    static {
        if (!ALL.stream().map(Group::name).toList().equals(Projections.ALL)) {
            throw new IllegalStateException("Reconciliation targets do not cover " + Projections.ALL);
        }
    }

    private ReconciliationTargets() {
    }

    private static Group versioned(Class<?> projection, Table<?> table, TableField<?, String> key,
                                   TableField<?, Long> version, TableField<?, Integer> applied) {
        return new Group(group(projection), List.of(new Target(table.getName(), key.getName(), version.getName(),
                applied.getName(), handledPayloadTypes(projection))));
    }

    /** A row created by {@code event}, which {@code projection} must handle. */
    private static Target created(Class<?> projection, Class<?> event, Table<?> table, TableField<?, String> key) {
        if (!handledPayloadTypes(projection).contains(event.getName())) {
            throw new IllegalStateException(projection.getSimpleName() + " no longer handles " + event.getName());
        }
        return new Target(table.getName(), key.getName(), null, null, Set.of(event.getName()));
    }

    private static String group(Class<?> projection) {
        return projection.getAnnotation(ProcessingGroup.class).value();
    }

    /**
     * The payload types (as stored in {@code domain_event_entry.payload_type}: class names) of the
     * projection's event handlers. A handler of an interface or abstract type would match payload types
     * this cannot list, so it is refused.
     */
    static Set<String> handledPayloadTypes(Class<?> projection) {
        Set<String> types = new TreeSet<>();
        for (Class<?> type = projection; type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                EventHandler handler = method.getAnnotation(EventHandler.class);
                if (handler == null) {
                    continue;
                }
                Class<?> payload = handler.payloadType() != Object.class ? handler.payloadType()
                        : method.getParameterTypes()[0];
                if (payload.isInterface() || Modifier.isAbstract(payload.getModifiers())) {
                    throw new IllegalStateException(projection.getSimpleName() + "." + method.getName()
                            + " handles " + payload.getName() + ": reconciliation needs concrete event types");
                }
                types.add(payload.getName());
            }
        }
        if (types.isEmpty()) {
            throw new IllegalStateException(projection.getSimpleName() + " has no @EventHandler");
        }
        return Collections.unmodifiableSet(types);
    }
}

package com.itvision.maintenance.command.audit;

import com.itvision.maintenance.command.billet.Billet;
import com.itvision.maintenance.command.contract.Contract;
import com.itvision.maintenance.command.contract.ContractView;
import com.itvision.maintenance.command.intervention.Intervention;
import com.itvision.maintenance.command.support.AggregateRegistry;
import com.itvision.maintenance.command.support.AggregateRegistry.Kind;
import com.itvision.maintenance.command.ticket.Ticket;
import com.itvision.maintenance.command.ticket.TicketView;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit's reads, all from the event store: histories, the state of a ticket's chain or of a contract
 * at a point, the field-by-field diff between two points, and the log. States are folded by the
 * aggregates' own event sourcing handlers ({@link AuditFold}); the SLA is computed by the kernel's
 * {@code SlaClock} at the point's instant (through {@link TicketView}).
 */
@Component
class AuditReads {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** A ticket's chain is folded whole: tens of events, hundreds at worst. */
    private static final int CHAIN_LIMIT = 100_000;

    private final AuditEventStore store;
    private final AuditFold fold;
    private final AggregateRegistry registry;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditReads(AuditEventStore store, AuditFold fold, AggregateRegistry registry, JdbcClient jdbc, JsonMapper json,
               Clock clock) {
        this.store = store;
        this.fold = fold;
        this.registry = registry;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    // --- histories and log --------------------------------------------------------------------------

    AuditPage ticketHistory(String ticketId, long after, int limit) {
        requireTicket(ticketId);
        return page(store.ticketChain(ticketId, after, limit + 1), limit);
    }

    AuditPage contractHistory(String contractId, long after, int limit) {
        requireContract(contractId);
        return page(store.aggregate(contractId, after, limit + 1), limit);
    }

    AuditPage log(AuditEventStore.LogFilter filter, long after, int limit) {
        return page(store.log(filter, after, limit + 1), limit);
    }

    private AuditPage page(List<StoredEvent> events, int limit) {
        boolean more = events.size() > limit;
        List<StoredEvent> shown = more ? events.subList(0, limit) : events;
        List<AuditEntry> entries = entries(shown);
        return new AuditPage(entries, more ? shown.getLast().position() : null);
    }

    List<AuditEntry> entries(List<StoredEvent> events) {
        Set<String> aggregates = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (StoredEvent e : events) {
            aggregates.add(e.aggregateId());
            for (String field : List.of("billetId", "contractId", "ticketId")) {
                addText(aggregates, e.payloadJson().get(field));
            }
            addText(aggregates, e.payloadJson().path("coverage").get("contractId"));
            addText(users, e.metaJson() == null ? null : e.metaJson().get("actorId"));
            for (String field : List.of("technicianId", "from", "to")) {
                addText(users, e.payloadJson().get(field));
            }
            addText(users, e.payloadJson().path("actor").get("userId"));
        }
        Map<String, String> numbers = numbers(aggregates);
        Map<String, String> names = store.usernames(List.copyOf(users));
        List<AuditEntry> entries = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            entries.add(new AuditEntry(e.position(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequence(),
                    e.eventType(), e.revision(), e.occurredAt(), e.storedAt(), e.meta("actorId"), e.meta("actorRole"),
                    e.meta("reason"), e.meta("correlationId"), e.meta("causationId"),
                    AuditSummaries.of(e, numbers, names), e.payloadJson()));
        }
        return entries;
    }

    private static void addText(Set<String> into, JsonNode value) {
        if (value != null && value.isString()) {
            into.add(value.asString());
        }
    }

    private Map<String, String> numbers(Set<String> ids) {
        Map<String, String> numbers = new TreeMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT aggregate_id, number FROM aggregate_registry WHERE aggregate_id IN (:ids) AND number IS NOT NULL")
                    .param("ids", List.copyOf(ids))
                    .query((rs, n) -> numbers.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        return numbers;
    }

    // --- state at a point ---------------------------------------------------------------------------

    /** A quota decision of the ticket's contract, as far as the state at a point needs it. */
    public record AuditQuotaDecision(long position, String contractId, String eventType, String interventionId,
                                String summary) {
    }

    /**
     * The ticket and its chain after every event at or before the point. {@code position} is the last
     * event of the chain included, {@code at} the instant the SLA is computed at (the point's instant, the
     * last included event's for a position, now without a point).
     */
    public record TicketState(String ticketId, long position, Instant at, TicketView ticket,
                              Map<String, Map<String, Object>> billets,
                              Map<String, Map<String, Object>> interventions, List<AuditQuotaDecision> quotaDecisions) {
    }

    public record ContractState(String contractId, long position, Instant at, ContractView contract) {
    }

    TicketState ticketState(String ticketId, AuditPoint point) {
        requireTicket(ticketId);
        List<StoredEvent> included = included(store.ticketChain(ticketId, 0, CHAIN_LIMIT), point);
        if (included.stream().noneMatch(e -> e.aggregateId().equals(ticketId))) {
            throw notYet(ErrorCode.TICKET_NOT_FOUND, ticketId, point);
        }
        ChainFold chain = new ChainFold(ticketId);
        included.forEach(chain::apply);
        return chain.state(instantOf(point, included));
    }

    ContractState contractState(String contractId, AuditPoint point) {
        requireContract(contractId);
        List<StoredEvent> included = included(store.aggregate(contractId, 0, CHAIN_LIMIT), point);
        if (included.isEmpty()) {
            throw notYet(ErrorCode.CONTRACT_NOT_FOUND, contractId, point);
        }
        Contract contract = fold.fold(Contract.class, included);
        Instant at = instantOf(point, included);
        return new ContractState(contractId, included.getLast().position(), at,
                ContractView.of(contract, included.getLast().sequence(), Clock.fixed(at, clock.getZone())));
    }

    private static List<StoredEvent> included(List<StoredEvent> events, AuditPoint point) {
        return point == null ? events : events.stream().filter(point::includes).toList();
    }

    private Instant instantOf(AuditPoint point, List<StoredEvent> included) {
        if (point == null) {
            return clock.instant();
        }
        return point.instant() != null ? point.instant() : included.getLast().occurredAt();
    }

    private static DomainException notYet(ErrorCode code, String id, AuditPoint point) {
        return DomainException.rule(code, id + " did not exist yet at "
                + (point.position() != null ? "position " + point.position() : point.instant()));
    }

    /** The ticket's chain folded event by event: each aggregate by its own handlers. */
    private final class ChainFold {
        private final String ticketId;
        private Ticket ticket;
        private long ticketVersion = -1;
        private final Map<String, Object> children = new LinkedHashMap<>();
        private final List<StoredEvent> decisions = new ArrayList<>();
        private StoredEvent last;

        ChainFold(String ticketId) {
            this.ticketId = ticketId;
        }

        void apply(StoredEvent e) {
            switch (e.aggregateType()) {
                case "Ticket" -> {
                    if (ticket == null) {
                        ticket = AuditFold.instantiate(Ticket.class);
                    }
                    fold.apply(ticket, e);
                    ticketVersion = e.sequence();
                }
                case "Billet" -> fold.apply(children.computeIfAbsent(e.aggregateId(),
                        id -> AuditFold.instantiate(Billet.class)), e);
                case "Intervention" -> fold.apply(children.computeIfAbsent(e.aggregateId(),
                        id -> AuditFold.instantiate(Intervention.class)), e);
                case "Contract" -> decisions.add(e);
                default -> throw new IllegalStateException("Not of a ticket's chain: " + e.aggregateType());
            }
            last = e;
        }

        TicketState state(Instant at) {
            Map<String, Map<String, Object>> billets = new LinkedHashMap<>();
            Map<String, Map<String, Object>> interventions = new LinkedHashMap<>();
            children.forEach((id, child) -> (child instanceof Billet ? billets : interventions)
                    .put(id, AuditFold.fields(child)));
            List<AuditEntry> decided = entries(decisions);
            List<AuditQuotaDecision> quota = decided.stream().map(d -> new AuditQuotaDecision(d.position(), d.aggregateId(),
                    d.eventType(), d.payload().path("interventionId").asString(), d.summary())).toList();
            return new TicketState(ticketId, last.position(), at,
                    TicketView.of(ticket, ticketVersion, Clock.fixed(at, clock.getZone())), billets, interventions,
                    quota);
        }
    }

    // --- diff ---------------------------------------------------------------------------------------

    /** One field that changed, the event that changed it, who did it, why and when. */
    public record FieldChange(String field, JsonNode before, JsonNode after, long position, String aggregateType,
                              String aggregateId, String eventType, Instant occurredAt, String actorId,
                              String actorRole, String reason) {
    }

    /** {@code fromPosition}: the last event before the range (0 if none); every change after it up to {@code to}. */
    public record TicketDiff(String ticketId, long fromPosition, long toPosition, List<FieldChange> changes) {
    }

    TicketDiff ticketDiff(String ticketId, AuditPoint from, AuditPoint to) {
        requireTicket(ticketId);
        List<StoredEvent> chain = store.ticketChain(ticketId, 0, CHAIN_LIMIT);
        ChainFold folding = new ChainFold(ticketId);
        Map<String, JsonNode> previous = Map.of();
        long fromPosition = 0;
        long toPosition = 0;
        List<FieldChange> changes = new ArrayList<>();
        for (StoredEvent e : chain) {
            if (to != null && !to.includes(e)) {
                continue;
            }
            folding.apply(e);
            Map<String, JsonNode> now = folding.ticket == null ? Map.of() : flatten(folding.state(e.occurredAt()));
            toPosition = e.position();
            if (from != null && from.includes(e)) {
                fromPosition = e.position();
            } else {
                Set<String> fields = new java.util.TreeSet<>(previous.keySet());
                fields.addAll(now.keySet());
                for (String field : fields) {
                    JsonNode before = previous.get(field);
                    JsonNode after = now.get(field);
                    if (!Objects.equals(before, after)) {
                        changes.add(new FieldChange(field, before, after, e.position(), e.aggregateType(),
                                e.aggregateId(), e.eventType(), e.occurredAt(), e.meta("actorId"),
                                e.meta("actorRole"), e.meta("reason")));
                    }
                }
            }
            previous = now;
        }
        return new TicketDiff(ticketId, fromPosition, toPosition, changes);
    }

    /** The state as dotted paths to leaf values; the SLA (computed at an instant, not stored) is left out. */
    private Map<String, JsonNode> flatten(TicketState state) {
        ObjectNode root = json.createObjectNode();
        JsonNode ticket = json.valueToTree(state.ticket());
        if (ticket instanceof ObjectNode object) {
            object.remove("sla");
        }
        root.set("ticket", ticket);
        root.set("billets", json.valueToTree(state.billets()));
        root.set("interventions", json.valueToTree(state.interventions()));
        Map<String, JsonNode> flat = new TreeMap<>();
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (!node.isNull()) {
            into.put(prefix, node);
        }
    }

    // --- existence ----------------------------------------------------------------------------------

    private void requireTicket(String id) {
        registry.require(id, Kind.TICKET, ErrorCode.TICKET_NOT_FOUND);
    }

    private void requireContract(String id) {
        registry.require(id, Kind.CONTRACT, ErrorCode.CONTRACT_NOT_FOUND);
    }
}

package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.common.ContractId;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaConsumed;
import com.itvision.maintenance.kernel.contract.ContractEvent.InterventionQuotaRefunded;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * {@link QuotaConsumptions} folded from a contract's events in an (in-memory) event store, the way the
 * {@code quota_consumption} lookup is kept from them: the last consumption of an intervention that no
 * refund followed. Lets the aggregate fixtures state prior consumptions as events only.
 */
public final class EventStoreQuotaConsumptions implements QuotaConsumptions {
    private final Supplier<EventStore> events;

    public EventStoreQuotaConsumptions(Supplier<EventStore> events) {
        this.events = events;
    }

    @Override
    public Optional<Consumption> of(ContractId contractId, String interventionId) {
        Consumption[] found = {null};
        events.get().readEvents(contractId.value()).asStream().forEach(event -> {
            if (event.getPayload() instanceof InterventionQuotaConsumed e && e.interventionId().equals(interventionId)) {
                found[0] = new Consumption(e.periodIndex(), e.contractRevision(), e.used(), e.included());
            } else if (event.getPayload() instanceof InterventionQuotaRefunded e
                    && e.interventionId().equals(interventionId)) {
                found[0] = null;
            }
        });
        return Optional.ofNullable(found[0]);
    }
}

package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record TicketId(@JsonValue String value) {

    public TicketId {
        TypedId.check(value, "TicketId");
    }

    @JsonCreator
    public static TicketId of(String value) {
        return new TicketId(value);
    }

    public static TicketId random() {
        return new TicketId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

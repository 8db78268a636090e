package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record InterventionId(@JsonValue String value) {

    public InterventionId {
        TypedId.check(value, "InterventionId");
    }

    @JsonCreator
    public static InterventionId of(String value) {
        return new InterventionId(value);
    }

    public static InterventionId random() {
        return new InterventionId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

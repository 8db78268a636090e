package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record BilletId(@JsonValue String value) {

    public BilletId {
        TypedId.check(value, "BilletId");
    }

    @JsonCreator
    public static BilletId of(String value) {
        return new BilletId(value);
    }

    public static BilletId random() {
        return new BilletId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

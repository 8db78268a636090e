package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record ClientId(@JsonValue String value) {

    public ClientId {
        TypedId.check(value, "ClientId");
    }

    @JsonCreator
    public static ClientId of(String value) {
        return new ClientId(value);
    }

    public static ClientId random() {
        return new ClientId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

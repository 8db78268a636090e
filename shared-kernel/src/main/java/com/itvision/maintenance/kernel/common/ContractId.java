package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record ContractId(@JsonValue String value) {

    public ContractId {
        TypedId.check(value, "ContractId");
    }

    @JsonCreator
    public static ContractId of(String value) {
        return new ContractId(value);
    }

    public static ContractId random() {
        return new ContractId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

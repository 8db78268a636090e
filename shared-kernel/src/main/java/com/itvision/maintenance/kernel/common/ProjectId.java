package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

public record ProjectId(@JsonValue String value) {

    public ProjectId {
        TypedId.check(value, "ProjectId");
    }

    @JsonCreator
    public static ProjectId of(String value) {
        return new ProjectId(value);
    }

    public static ProjectId random() {
        return new ProjectId(UUID.randomUUID().toString());
    }

    /** Axon routes commands on {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}

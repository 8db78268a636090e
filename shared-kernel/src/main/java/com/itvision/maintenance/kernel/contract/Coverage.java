package com.itvision.maintenance.kernel.contract;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the contract covers (seed 001 description_couverture / exclusions, seed 000 equipment and sites).
 * The bounds are the API's limits (ADR 0011); they document the value object wherever it is received.
 */
public record Coverage(@Size(max = 4000) String description,
                       @Size(max = 4000) String exclusions,
                       @Size(max = 200) List<@Valid Equipment> equipment,
                       @Size(max = 50) List<@Size(max = 200) String> sites) {
    public Coverage {
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
        sites = sites == null ? List.of() : List.copyOf(sites);
    }

    public static Coverage describedAs(String description) {
        return new Coverage(description, null, List.of(), List.of());
    }

    public Coverage withEquipment(List<Equipment> newEquipment) {
        return new Coverage(description, exclusions, newEquipment, sites);
    }
}

package com.itvision.maintenance.kernel.contract;

import java.util.List;

/** What the contract covers (seed 001 description_couverture / exclusions, seed 000 equipment and sites). */
public record Coverage(String description, String exclusions, List<Equipment> equipment, List<String> sites) {
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

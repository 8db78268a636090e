package com.itvision.maintenance.kernel.contract;

import java.util.List;

/** A covered piece of equipment (seed 000: type, quantity, location, serial numbers). */
public record Equipment(String type, int quantity, String location, List<String> serialNumbers) {
    public Equipment {
        serialNumbers = serialNumbers == null ? List.of() : List.copyOf(serialNumbers);
    }
}

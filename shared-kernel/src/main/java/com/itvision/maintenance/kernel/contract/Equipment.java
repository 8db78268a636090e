package com.itvision.maintenance.kernel.contract;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A covered piece of equipment (seed 000: type, quantity, location, serial numbers). A quantity is at
 * least 1 ({@code INVALID_QUANTITY}, checked by the contract's policies whoever sends the command).
 */
public record Equipment(@Size(max = 100) String type,
                        @Positive int quantity,
                        @Size(max = 200) String location,
                        @Size(max = 500) List<@Size(max = 100) String> serialNumbers) {
    public Equipment {
        serialNumbers = serialNumbers == null ? List.of() : List.copyOf(serialNumbers);
    }
}

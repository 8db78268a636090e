package com.itvision.maintenance.kernel.contract;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A recurring service included in the contract (seed 000 services: name, frequency, next date). */
public record ScheduledService(@Size(max = 200) String name, ServiceFrequency frequency, LocalDate nextDate) {
}

package com.itvision.maintenance.kernel.contract;

import java.time.LocalDate;

/** A recurring service included in the contract (seed 000 services: name, frequency, next date). */
public record ScheduledService(String name, ServiceFrequency frequency, LocalDate nextDate) {
}

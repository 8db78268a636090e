package com.itvision.maintenance.command.support;

/**
 * Allocates human numbers ({@code MC-202611-0001}, later {@code MAINT-00001}). Implementations must be
 * unique under concurrency; see the JDBC implementation for whether gaps can occur.
 */
public interface NumberAllocator {

    /** The next value of the counter {@code scope}, starting at 1. */
    long next(String scope);
}

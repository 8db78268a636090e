package com.itvision.maintenance.command.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counters in {@code number_counter}, incremented inside the command's transaction: the row lock
 * makes numbers unique, and a refused or failed command rolls its increment back, so there are no
 * gaps. Concurrent creations of the same scope queue on that row for the length of a command.
 */
@Component
public class JdbcNumberAllocator implements NumberAllocator {
    private final JdbcClient jdbc;

    public JdbcNumberAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(String scope) {
        return jdbc.sql("""
                        INSERT INTO number_counter (scope, last_value) VALUES (?, 1)
                        ON CONFLICT (scope) DO UPDATE SET last_value = number_counter.last_value + 1
                        RETURNING last_value""")
                .param(scope)
                .query(Long.class)
                .single();
    }
}

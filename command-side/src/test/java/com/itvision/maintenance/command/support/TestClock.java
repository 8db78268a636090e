package com.itvision.maintenance.command.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A stopped clock (like {@link Clock#fixed}) that a test may move before its {@code when}, so a
 * fixture can decide "today" before, inside or after a contract period. It never advances by itself.
 */
public final class TestClock extends Clock {
    /** Seed 001 is dated February 2026; the fixtures' "now" is a Tuesday morning in March. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-03-10T09:00:00Z");

    private Instant now = DEFAULT_NOW;

    public TestClock at(Instant instant) {
        this.now = instant;
        return this;
    }

    /** Moves to 09:00 UTC on {@code day}. */
    public TestClock on(LocalDate day) {
        return at(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}

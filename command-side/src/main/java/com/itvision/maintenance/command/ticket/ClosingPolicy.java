package com.itvision.maintenance.command.ticket;

import java.time.Duration;

/**
 * A RESOLVED ticket is closed after the client confirms, or once the client stayed silent for
 * {@code clientSilence} after the resolution (default 5 days, {@code maintenance.tickets.close-after-silence}).
 */
public record ClosingPolicy(Duration clientSilence) {
    public static final ClosingPolicy DEFAULT = new ClosingPolicy(Duration.ofDays(5));
}

package com.itvision.maintenance.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.MaintenanceProperties.Database;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ADR 0013: no configuration may let a transaction outlive the event store's gap timeout. */
class DatabaseLimitsTest {

    private static Database limits(int transactionSeconds, int gapSeconds) {
        return new Database(Duration.ofSeconds(15), Duration.ofSeconds(transactionSeconds), Duration.ofSeconds(20),
                Duration.ofSeconds(gapSeconds), Database.Watchdog.AUTO, Duration.ofSeconds(1), null);
    }

    @Test
    void the_defaults_keep_transactions_below_the_gap_timeout() {
        assertThat(limits(20, 60).lockTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits(2, 4).transactionTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_transaction_limit_that_reaches_the_gap_timeout_is_refused() {
        assertThatThrownBy(() -> limits(20, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gap-timeout");
        assertThatThrownBy(() -> limits(59, 60)).as("the watchdog's interval counts").isInstanceOf(IllegalArgumentException.class);
    }
}

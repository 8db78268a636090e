package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency over HTTP: {@code If-Match: <version>} from the last response or the ETag. */
class IfMatchTest extends IntegrationTest {
    private Fixtures fx;
    private LocalDate today;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        today = LocalDate.now(clock);
    }

    private static String path(String id, String command) {
        return "/api/v1/contracts/" + id + "/" + command;
    }

    @Test
    void the_current_version_succeeds_as_a_number_or_as_the_etag() {
        String id = fx.draft(today, today.plusYears(1));

        Api.Response activated = api.as("admin").header("If-Match", "0").post(path(id, "activate"));

        assertThat(activated.status()).as("%s", activated).isEqualTo(200);
        assertThat(activated.json().path("version").asLong()).isEqualTo(1);
        String etag = fx.get(id).header("ETag");
        assertThat(etag).isEqualTo("\"1\"");
        Api.Response suspended = api.as("admin").header("If-Match", etag)
                .post(path(id, "suspend"), Map.of("reason", "unpaid"));
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(200);
        assertThat(suspended.json().path("version").asLong()).isEqualTo(2);
        Api.Response resumed = api.as("admin").header("If-Match", "W/\"2\"")
                .post(path(id, "resume"), Map.of("reason", "paid"));
        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        assertThat(api.as("admin").header("If-Match", "*").post(path(id, "amend"),
                Map.of("slaHours", 8, "reason", "any version")).status()).isEqualTo(200);
    }

    @Test
    void a_stale_version_is_a_concurrent_modification_and_stores_nothing() {
        String id = fx.draft(today, today.plusYears(1));
        long seen = fx.get(id).json().path("version").asLong();
        // someone else changes the contract after we read it
        assertThat(api.as("lead").post(path(id, "amend"), Map.of("slaHours", 12, "reason", "other user"))
                .status()).isEqualTo(200);

        Fixtures.assertRefused(this::eventCount, 409, "CONCURRENT_MODIFICATION",
                () -> api.as("admin").header("If-Match", String.valueOf(seen)).post(path(id, "activate")));
        Fixtures.assertRefused(this::eventCount, 409, "CONCURRENT_MODIFICATION",
                () -> api.as("admin").header("If-Match", "\"" + seen + "\"")
                        .post(path(id, "amend"), Map.of("slaHours", 2, "reason", "stale")));

        assertThat(fx.get(id).json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(fx.get(id).json().path("terms").path("slaHours").asInt()).isEqualTo(12);
    }

    @Test
    void a_malformed_if_match_is_refused_as_invalid() {
        String id = fx.draft(today, today.plusYears(1));

        for (String garbage : new String[] {"abc", "-1", "1.5", "\"v1\""}) {
            Fixtures.assertRefused(this::eventCount, 400, "INVALID_IF_MATCH",
                    () -> api.as("admin").header("If-Match", garbage).post(path(id, "activate")));
        }
        assertThat(fx.get(id).json().path("status").asString()).isEqualTo("DRAFT");
    }
}

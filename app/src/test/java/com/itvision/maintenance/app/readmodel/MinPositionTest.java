package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes: the {@code position} a command returns, sent back as {@code X-Min-Position}, makes
 * the next query wait for the read models to reach it; a position never reached is answered after the
 * 5 s bound, saying so.
 */
class MinPositionTest extends ReadModelTestSupport {

    @Test
    void a_commands_position_as_x_min_position_makes_the_next_read_see_the_write() {
        for (int i = 0; i < 3; i++) {
            String title = "Lecture de sa propre écriture " + UUID.randomUUID();
            Response opened = ok(open("lead", ECOMMERCE, CORRECTIVE, title, "MINOR"));
            long position = opened.json().path("position").asLong();
            assertThat(position).isPositive();
            String id = opened.json().path("id").asString();

            Response read = api.as("lead").header("X-Min-Position", Long.toString(position))
                    .get("/api/v1/tickets/" + id);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.header("X-Min-Position-Reached")).isEqualTo("true");
            assertThat(read.json().path("title").asString()).isEqualTo(title);

            Response hold = ok(ticketCommand("lead", id, "hold", Map.of("reason", "Attente du client")));
            Response held = api.as("client").header("X-Min-Position", hold.json().path("position").asString())
                    .get("/api/v1/portal/tickets/" + id);
            assertThat(held.header("X-Min-Position-Reached")).isEqualTo("true");
            assertThat(held.json().path("onHold").asBoolean()).isTrue();
        }
    }

    @Test
    void without_the_header_nothing_waits_and_an_unreadable_one_is_not_reached() {
        Api plain = new Api(port);
        assertThat(plain.as("admin").get("/api/v1/tickets?size=1").header("X-Min-Position-Reached")).isNull();
        assertThat(plain.as("admin").header("X-Min-Position", "soon").get("/api/v1/tickets?size=1")
                .header("X-Min-Position-Reached")).isEqualTo("false");
    }

    @Test
    void a_position_never_reached_is_answered_after_about_5_seconds_saying_so() {
        long future = head() + 1_000_000;
        long start = System.nanoTime();
        Response read = api.as("admin").header("X-Min-Position", Long.toString(future)).get("/api/v1/contracts?size=1");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("X-Min-Position-Reached")).isEqualTo("false");
        assertThat(waited).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(9));
    }
}

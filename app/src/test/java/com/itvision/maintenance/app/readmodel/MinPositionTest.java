package com.itvision.maintenance.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Api.Response;
import com.itvision.maintenance.projections.support.Projections;
import com.itvision.maintenance.query.support.MinPosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Read-your-writes: the {@code position} a command returns, sent back as {@code X-Min-Position}, makes
 * the next query wait for the read models to reach it; a position not reached within 5 s is answered
 * then, saying so. The wait holds no request thread, a position above the store's head counts as the
 * head, and a segment nobody processes holds the answer back instead of being skipped.
 */
class MinPositionTest extends ReadModelTestSupport {
    private static final String REACHED = "X-Min-Position-Reached";

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
            assertThat(read.header(REACHED)).isEqualTo("true");
            assertThat(read.json().path("title").asString()).isEqualTo(title);

            Response hold = ok(ticketCommand("lead", id, "hold", Map.of("reason", "Attente du client")));
            Response held = api.as("client").header("X-Min-Position", hold.json().path("position").asString())
                    .get("/api/v1/portal/tickets/" + id);
            assertThat(held.header(REACHED)).isEqualTo("true");
            assertThat(held.json().path("onHold").asBoolean()).isTrue();
        }
    }

    @Test
    void without_the_header_nothing_waits_and_an_unreadable_one_is_not_reached() {
        Api plain = new Api(port);
        assertThat(plain.as("admin").get("/api/v1/tickets?size=1").header(REACHED)).isNull();
        assertThat(plain.as("admin").header("X-Min-Position", "soon").get("/api/v1/tickets?size=1")
                .header(REACHED)).isEqualTo("false");
    }

    @Test
    void a_position_above_the_stores_head_is_answered_as_the_head_so_probing_learns_nothing() {
        long head = head();
        awaitReadModelsAt(head);
        for (long probe : List.of(head, head + 1, head + 1_000_000, Long.MAX_VALUE)) {
            long started = System.nanoTime();
            Response read = api.as("admin").header("X-Min-Position", Long.toString(probe))
                    .get("/api/v1/contracts?size=1");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as("%d: %s", probe, read).isEqualTo(200);
            assertThat(read.header(REACHED)).as("%d", probe).isEqualTo("true");
            assertThat(took).as("%d", probe).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void a_segment_claimed_by_nobody_holds_the_answer_back_and_it_is_not_reached_after_5_seconds() {
        StreamingEventProcessor tickets = processor(Projections.TICKETS);
        long position;
        try {
            tickets.releaseSegment(0, 15, TimeUnit.SECONDS);
            await().atMost(CATCH_UP).until(() -> !tickets.processingStatus().containsKey(0));
            Response opened = ok(open("lead", ECOMMERCE, CORRECTIVE, "Segment sans titulaire " + UUID.randomUUID(),
                    "MINOR"));
            position = opened.json().path("position").asLong();

            long started = System.nanoTime();
            Response read = api.as("lead").header("X-Min-Position", Long.toString(position))
                    .get("/api/v1/tickets?size=1");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.header(REACHED)).as("segment 0 of %s is claimed by nobody", Projections.TICKETS)
                    .isEqualTo("false");
            assertThat(waited).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(9));
        } finally {
            tickets.claimSegment(0);
            awaitReadModelsAt(head());
        }
        Response again = api.as("lead").header("X-Min-Position", Long.toString(position))
                .get("/api/v1/tickets?size=1");
        assertThat(again.header(REACHED)).as("claimed and caught up again").isEqualTo("true");
    }

    /**
     * On an application of its own with 4 Tomcat threads: 12 requests waiting for a position the read
     * models cannot reach all get their answer after the 5 s bound, together, and a request without the
     * header is served at once meanwhile. Parked threads would take 15 s and serve nobody else.
     */
    @Test
    void more_waiting_requests_than_tomcat_threads_all_complete_and_others_are_served_meanwhile(@TempDir Path dir)
            throws Exception {
        int threads = 4;
        int waiting = 3 * threads;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MaintenanceApplication.class).run(
                "--server.port=0", "--server.tomcat.threads.max=" + threads, "--server.tomcat.threads.min-spare=1",
                "--maintenance.embedded-db.data-dir=" + dir.resolve("db"), "--maintenance.demo.enabled=true",
                "--maintenance.reconciliation.initial-delay=1h")) {
            Api own = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            MinPosition.WaitFilter filter = (MinPosition.WaitFilter) app
                    .getBean("minPositionFilter", FilterRegistrationBean.class).getFilter();
            StreamingEventProcessor directory = app.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(Projections.DIRECTORY, StreamingEventProcessor.class).orElseThrow();
            directory.releaseSegment(0, 60, TimeUnit.SECONDS);
            await().atMost(CATCH_UP).until(() -> !directory.processingStatus().containsKey(0));
            Response created = own.as("admin").post("/api/v1/clients", Map.of("name", "Client en attente"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String position = created.json().path("position").asString();

            ExecutorService callers = Executors.newFixedThreadPool(waiting);
            try {
                long started = System.nanoTime();
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < waiting; i++) {
                    answers.add(callers.submit(() -> own.as("admin").header("X-Min-Position", position)
                            .get("/api/v1/contracts?size=1")));
                }
                await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(20))
                        .until(() -> filter.waiting() == waiting);

                long plainStarted = System.nanoTime();
                Response plain = own.as("admin").get("/api/v1/contracts?size=1");
                assertThat(plain.status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - plainStarted))
                        .as("served while %d requests wait on %d threads", waiting, threads)
                        .isLessThan(Duration.ofSeconds(2));

                for (Future<Response> answer : answers) {
                    Response response = answer.get(30, TimeUnit.SECONDS);
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    assertThat(response.header(REACHED)).isEqualTo("false");
                }
                Duration all = Duration.ofNanos(System.nanoTime() - started);
                assertThat(all).as("%d waits of 5 s on %d threads", waiting, threads)
                        .isBetween(Duration.ofMillis(4900), Duration.ofSeconds(10));
                assertThat(filter.waiting()).isZero();
            } finally {
                callers.shutdownNow();
            }
        }
    }
}

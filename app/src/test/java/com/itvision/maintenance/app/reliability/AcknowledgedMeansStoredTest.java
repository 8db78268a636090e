package com.itvision.maintenance.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.app.database.VerifiedCommitTransactionManager.SilentRollbackException;
import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7, defect 1: a 2xx means the events are committed. Every failure inside a command's transaction
 * fails the command with a problem, the answer follows the commit, and nothing refused is stored. Each
 * case is checked against the event store, not against the API's word.
 */
class AcknowledgedMeansStoredTest extends IntegrationTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void a_failing_statement_in_a_lookup_handler_fails_the_command_and_stores_nothing() {
        String name = "refused-by-lookup-" + UUID.randomUUID();
        jdbc.sql("ALTER TABLE directory_client ADD CONSTRAINT test_refuse_name CHECK (name NOT LIKE 'refused-by-lookup-%')")
                .update();
        try {
            long before = eventCount();
            Api.Response response = api.as("admin").post("/api/v1/clients", Map.of("name", name));
            assertThat(response.status()).as("%s", response).isEqualTo(500);
            assertThat(response.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(eventCount()).as("no event of the failed command").isEqualTo(before);
            assertThat(eventsMentioning(name)).isZero();
        } finally {
            jdbc.sql("ALTER TABLE directory_client DROP CONSTRAINT test_refuse_name").update();
        }
        assertThat(api.as("admin").post("/api/v1/clients", Map.of("name", name)).status())
                .as("the same request once the cause is gone").isEqualTo(201);
    }

    @Test
    void a_commit_after_a_swallowed_statement_failure_is_refused_instead_of_silently_rolled_back() {
        String marker = "swallowed-" + UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO number_counter (scope, last_value) VALUES (?, 1)").param(marker).update();
            try {
                jdbc.sql("SELECT 1 / 0").query(Integer.class).single();
            } catch (RuntimeException swallowed) {
                // the defect being guarded against: a caller that ignores a failed statement
            }
        })).isInstanceOf(SilentRollbackException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM number_counter WHERE scope = ?").param(marker)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT 1").query(Integer.class).single())
                .as("the connection went back to the pool usable").isEqualTo(1);
    }

    @Test
    void concurrent_registrations_of_one_username_store_exactly_one_user() throws Exception {
        String username = "race-" + UUID.randomUUID().toString().substring(0, 8);
        int writers = 16;
        List<Api.Response> responses = concurrently(writers, () -> api.as("admin").post("/api/v1/users", Map.of(
                "username", username, "password", "a-long-password", "roles", List.of("TECHNICIAN"))));
        List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).as("%s", responses).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.code()).as("%s", r).isEqualTo("USERNAME_TAKEN"));
        String id = created.getFirst().json().path("id").asString();
        assertThat(storedEvents(id)).as("the acknowledged user is in the event store").isEqualTo(1);
        assertThat(eventsMentioning("\"username\":\"" + username + "\"")).as("one registration stored").isEqualTo(1);
        assertThat(jdbc.sql("SELECT user_id FROM directory_user WHERE username = ?").param(username)
                .query(String.class).single()).isEqualTo(id);
    }

    @Test
    void the_position_answered_is_the_stored_event_s_global_index() {
        Api.Response created = api.as("admin").post("/api/v1/clients", Map.of("name", Fixtures.unique("Positioned")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("position").asLong()).isEqualTo(jdbc.sql(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single());
    }

    /** A request ready to send: prepared before the lock, so that it is new when it is sent. */
    record Prepared(String path, Object body) {
    }

    /**
     * Every command-side table a command writes in its transaction, with a request whose command writes it: the
     * lookup tables of V2 and the event store's own table. The request is answered {@code status} once the lock
     * is gone. Nothing here changes the demo world other tests read (a team of its own, new users).
     */
    static Stream<Arguments> lookupWrites() {
        return Stream.of(
                Arguments.of("aggregate_registry", prepared("/api/v1/tickets", api -> ticket()), 201),
                Arguments.of("number_counter", prepared("/api/v1/tickets", api -> ticket()), 201),
                Arguments.of("directory_client", prepared("/api/v1/clients",
                        api -> Map.of("name", Fixtures.unique("Locked"))), 201),
                Arguments.of("directory_project", prepared("/api/v1/projects",
                        api -> Map.of("clientId", "client-a", "name", Fixtures.unique("Locked"))), 201),
                Arguments.of("directory_user", prepared("/api/v1/users", api -> newUser("TECHNICIAN")), 201),
                Arguments.of("user_credential", prepared("/api/v1/users", api -> newUser("TECHNICIAN")), 201),
                Arguments.of("directory_team_member", (Function<Api, Prepared>) api -> new Prepared(
                        "/api/v1/users/" + registered(api, newUser("MANAGER")) + "/team",
                        Map.of("salesRepId", registered(api, newUser("SALES")))), 200),
                Arguments.of("contract_registry", prepared("/api/v1/contracts", api -> Fixtures.warranty(
                        "client-a", "project-a-cctv", java.time.LocalDate.of(2031, 1, 1), java.time.LocalDate.of(2031, 12, 31))), 201),
                // V24: a contract's periods, for ticket openings that no longer load the contract (ADR 0019)
                Arguments.of("contract_period", prepared("/api/v1/contracts", api -> Fixtures.warranty(
                        "client-a", "project-a-cctv", java.time.LocalDate.of(2033, 1, 1), java.time.LocalDate.of(2033, 12, 31))), 201),
                Arguments.of("domain_event_entry", prepared("/api/v1/clients",
                        api -> Map.of("name", Fixtures.unique("Locked store"))), 201));
    }

    private static Function<Api, Prepared> prepared(String path, Function<Api, Object> body) {
        return api -> new Prepared(path, body.apply(api));
    }

    private static Map<String, Object> newUser(String role) {
        return Map.of("username", "locked-" + UUID.randomUUID().toString().substring(0, 8),
                "password", "a-long-password", "roles", List.of(role));
    }

    private static String registered(Api api, Map<String, Object> user) {
        Api.Response created = api.as("admin").post("/api/v1/users", user);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static Object ticket() {
        return Map.of("projectId", "project-a-ecommerce", "contractId", "contract-a-corrective",
                "title", Fixtures.unique("Locked ticket"), "description", "The NVR does not record", "severity", "MINOR");
    }

    @ParameterizedTest(name = "{0} locked")
    @MethodSource("lookupWrites")
    void a_lock_held_on_a_lookup_table_answers_a_fast_503_and_stores_nothing(String table,
                                                                           Function<Api, Prepared> prepare, int status)
            throws Exception {
        Prepared prepared = prepare.apply(api);
        String path = prepared.path();
        Object request = prepared.body();
        long before = eventCount();
        Api.Response refused;
        long elapsedMillis;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            refused = api.as("admin").post(path, request);
            elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            holder.rollback();
        }
        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("DATABASE_BUSY");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(elapsedMillis).as("answered within the lock timeout, not the statement timeout").isLessThan(10_000);
        assertThat(eventCount()).as("nothing stored by the refused command").isEqualTo(before);

        Api.Response retried = api.as("admin").post(path, request);
        assertThat(retried.status()).as("the same request once the lock is released: %s", retried).isEqualTo(status);
        assertThat(jdbc.sql("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?")
                .param(retried.json().path("position").asLong()).query(String.class).optional())
                .as("the answered position is a stored event of the answered aggregate")
                .contains(retried.json().path("id").asString());
        if (path.endsWith("/tickets")) {
            assertThat(jdbc.sql("SELECT count(*) - count(DISTINCT number) FROM aggregate_registry WHERE number IS NOT NULL")
                    .query(Long.class).single()).as("no number was handed out twice").isZero();
        }
    }

    private long storedEvents(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateId).query(Long.class).single();
    }

    private long eventsMentioning(String text) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0")
                .param(text).query(Long.class).single();
    }

    static List<Api.Response> concurrently(int writers, Supplier<Api.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

package com.itvision.maintenance.app.contract;

import static com.itvision.maintenance.app.support.Fixtures.maintenance;
import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.Api;
import com.itvision.maintenance.app.support.Fixtures;
import com.itvision.maintenance.app.support.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The no-overlap rule under real concurrency: twenty HTTP requests released at the same instant on
 * the same project and type. The registry's advisory lock must let exactly one overlapping contract
 * through, and must not get in the way of disjoint ones.
 */
class ContractOverlapConcurrencyTest extends IntegrationTest {
    private static final int WRITERS = 20;

    private Fixtures fx;
    private LocalDate start;

    @BeforeEach
    void fixtures() {
        fx = new Fixtures(api);
        start = LocalDate.now(clock).plusMonths(2);
    }

    @Test
    void twenty_concurrent_overlapping_creations_store_exactly_one_contract() throws Exception {
        Fixtures.Owner owner = fx.owner();
        List<Map<String, Object>> bodies = IntStream.range(0, WRITERS)
                .mapToObj(i -> maintenance(owner.clientId(), owner.projectId(), start.plusDays(i),
                        start.plusDays(i).plusYears(1)))
                .toList();
        long eventsBefore = eventCount();

        List<Api.Response> responses = concurrently(bodies);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .hasSize(WRITERS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).as("%s", r).isEqualTo(409);
                    assertThat(r.code()).isEqualTo("CONTRACT_OVERLAP");
                });
        assertThat(registryRows(owner.projectId())).isEqualTo(1);
        assertThat(eventCount()).as("one ContractDrafted, nothing from the refusals").isEqualTo(eventsBefore + 1);
    }

    @Test
    void twenty_concurrent_disjoint_creations_all_succeed_with_distinct_gapless_numbers() throws Exception {
        Fixtures.Owner owner = fx.owner();
        List<Map<String, Object>> bodies = IntStream.range(0, WRITERS)
                .mapToObj(i -> maintenance(owner.clientId(), owner.projectId(), start.plusMonths(i),
                        start.plusMonths(i + 1).minusDays(1)))
                .toList();

        List<Api.Response> responses = concurrently(bodies);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo(201));
        List<String> numbers = responses.stream().map(r -> r.json().path("number").asString()).toList();
        assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n.matches("MC-\\d{6}-\\d{4}"));
        // numbers are allocated in the command's transaction: consecutive within a month
        numbers.stream()
                .collect(Collectors.groupingBy(n -> n.substring(0, 9),
                        Collectors.mapping(n -> Integer.parseInt(n.substring(10)), Collectors.toList())))
                .values()
                .forEach(sequence -> assertThat(sequence.stream().mapToInt(Integer::intValue).max().orElseThrow()
                        - sequence.stream().mapToInt(Integer::intValue).min().orElseThrow())
                        .isEqualTo(sequence.size() - 1));
        assertThat(responses.stream().map(r -> r.json().path("id").asString()).distinct()).hasSize(WRITERS);
        assertThat(registryRows(owner.projectId())).isEqualTo(WRITERS);
    }

    private long registryRows(String projectId) {
        return jdbc.sql("SELECT count(*) FROM contract_registry WHERE project_id = ?")
                .param(projectId).query(Long.class).single();
    }

    /** Sends every body as admin from its own thread, all released together by a start gate. */
    private List<Api.Response> concurrently(List<Map<String, Object>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch ready = new CountDownLatch(bodies.size());
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Map<String, Object> body : bodies) {
                futures.add(pool.submit(() -> {
                    Api.Request admin = api.as("admin");
                    ready.countDown();
                    gate.await();
                    return admin.post("/api/v1/contracts", body);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all writers ready").isTrue();
            gate.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

package com.itvision.maintenance.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {
    private final AtomicInteger counts = new AtomicInteger();

    /** A result set of {@code matching} rows: the rows the page query fetches, and a capped count. */
    private Paging.Page<Integer> page(Paging paging, int matching) {
        List<Integer> fetched = IntStream.range(paging.offset(), Math.min(matching, paging.offset() + paging.fetchSize()))
                .boxed().toList();
        return paging.page(fetched, () -> {
            counts.incrementAndGet();
            return Math.min(matching, Paging.MAX_COUNTED + 1);
        });
    }

    @Test
    void a_page_with_nothing_after_it_knows_its_total_without_counting() {
        Paging.Page<Integer> page = page(Paging.of(0, 50), 17);
        assertThat(page.items()).hasSize(17);
        assertThat(page.total()).isEqualTo(17);
        assertThat(page.totalExact()).isTrue();
        assertThat(page(Paging.of(2, 50), 120).total()).isEqualTo(120);
        assertThat(counts).hasValue(0);
    }

    @Test
    void rows_after_the_page_are_counted_exactly_up_to_the_cap() {
        Paging.Page<Integer> page = page(Paging.of(0, 50), 999);
        assertThat(page.items()).hasSize(50);
        assertThat(page.total()).isEqualTo(999);
        assertThat(page.totalExact()).isTrue();
        assertThat(page(Paging.of(0, 50), 50).total()).isEqualTo(50);
        assertThat(page(Paging.of(3, 50), 100).total()).as("past the end: counted").isEqualTo(100);
    }

    @Test
    void beyond_the_cap_the_total_is_a_lower_bound_that_keeps_paging_going() {
        Paging.Page<Integer> first = page(Paging.of(0, 50), 100_000);
        assertThat(first.total()).isEqualTo(Paging.MAX_COUNTED);
        assertThat(first.totalExact()).isFalse();
        int before = counts.get();
        Paging.Page<Integer> deep = page(Paging.of(30, 50), 100_000);
        assertThat(counts).as("a page ending past the cap needs no count").hasValue(before);
        assertThat(deep.total()).isGreaterThan(31L * 50).isEqualTo(31L * 50 + 1);
        assertThat(deep.totalExact()).isFalse();
        Paging.Page<Integer> last = page(Paging.of(39, 50), 1_990);
        assertThat(last.items()).hasSize(40);
        assertThat(last.total()).isEqualTo(1_990);
        assertThat(last.totalExact()).isTrue();
    }
}

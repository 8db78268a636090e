package com.itvision.maintenance.kernel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 001's period arithmetic: inclusive dates, jours_restants, no-overlap. */
class PeriodTest {
    private static final Period YEAR_2026 = Period.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));

    private static Period period(String start, String end) {
        return Period.of(LocalDate.parse(start), LocalDate.parse(end));
    }

    @ParameterizedTest
    @CsvSource({"2025-12-31,false", "2026-01-01,true", "2026-06-15,true", "2026-12-31,true", "2027-01-01,false"})
    void contains_both_of_its_dates(String day, boolean contained) {
        assertThat(YEAR_2026.contains(LocalDate.parse(day))).isEqualTo(contained);
    }

    @ParameterizedTest
    @CsvSource({
            "2025-01-01,2025-12-31,false",
            "2025-07-01,2026-01-01,true",
            "2026-03-01,2026-04-30,true",
            "2026-12-31,2027-12-31,true",
            "2027-01-01,2027-12-31,false",
            "2025-01-01,2027-12-31,true"})
    void overlaps_when_it_shares_at_least_one_day(String start, String end, boolean overlapping) {
        Period other = period(start, end);

        assertThat(YEAR_2026.overlaps(other)).isEqualTo(overlapping);
        assertThat(other.overlaps(YEAR_2026)).isEqualTo(overlapping);
    }

    @ParameterizedTest
    @CsvSource({"2026-03-10,296", "2026-12-30,1", "2026-12-31,0", "2027-02-01,0", "2025-12-31,365"})
    void days_remaining_count_down_to_the_end_and_never_go_negative(String today, long days) {
        assertThat(YEAR_2026.daysRemaining(LocalDate.parse(today))).isEqualTo(days);
    }

    @Test
    void ends_after_start_only_when_the_end_is_a_later_day() {
        assertThat(YEAR_2026.endsAfterStart()).isTrue();
        assertThat(period("2026-01-01", "2026-01-01").endsAfterStart()).isFalse();
        assertThat(period("2026-01-02", "2026-01-01").endsAfterStart()).isFalse();
    }
}

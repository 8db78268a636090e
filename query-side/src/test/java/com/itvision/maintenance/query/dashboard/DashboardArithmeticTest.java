package com.itvision.maintenance.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared arithmetic, the period rules and the CSV cells, without a database. */
class DashboardArithmeticTest {

    @Test
    void the_90th_percentile_interpolates_like_percentile_cont() {
        assertThat(Figures.percentile(List.of(3600L), 0.9)).isEqualTo(3600);
        assertThat(Figures.percentile(List.of(3600L, 32400L), 0.9)).isEqualTo(3600 + 0.9 * 28800);
        // rank 0.9 x 3 = 2.7: 30 + 0.7 x (40 - 30)
        assertThat(Figures.percentile(List.of(10L, 20L, 30L, 40L), 0.9)).isEqualTo(37.0);
        assertThat(Figures.durations(List.of(40L, 10L, 30L, 20L)))
                .isEqualTo(new SlaDashboard.Durations(4, 25L, 37L));
        assertThat(Figures.durations(List.of())).isEqualTo(new SlaDashboard.Durations(0, null, null));
    }

    @Test
    void rates_are_fractions_with_four_decimals_and_null_without_a_denominator() {
        assertThat(Figures.rate(1, 3)).isEqualTo(0.3333);
        assertThat(Figures.rate(2, 3)).isEqualTo(0.6667);
        assertThat(Figures.rate(0, 5)).isEqualTo(0.0);
        assertThat(Figures.rate(1, 0)).isNull();
    }

    @Test
    void mrr_is_the_arr_divided_by_twelve_rounded_half_up() {
        assertThat(CommercialDashboardQueries.mrr(5_100_000)).isEqualTo(425_000);
        assertThat(CommercialDashboardQueries.mrr(100_006)).isEqualTo(8_334); // 8 333.83
        assertThat(CommercialDashboardQueries.mrr(100_001)).isEqualTo(8_333); // 8 333.42
        assertThat(CommercialDashboardQueries.mrr(18)).isEqualTo(2); // 1.5 -> 2
    }

    @Test
    void a_period_is_whole_utc_days_and_is_validated() {
        DashboardPeriod may = DashboardPeriod.parse("2026-05-01", "2026-05-31");
        assertThat(may.contains(Instant.parse("2026-05-01T00:00:00Z"))).isTrue();
        assertThat(may.contains(Instant.parse("2026-05-31T23:59:59Z"))).isTrue();
        assertThat(may.contains(Instant.parse("2026-06-01T00:00:00Z"))).isFalse();
        assertThat(DashboardPeriod.parse(null, null)).isEqualTo(new DashboardPeriod(null, null));
        assertThat(DashboardPeriod.parseOrLastTwelveMonths(null, null, LocalDate.of(2026, 11, 21)))
                .isEqualTo(new DashboardPeriod(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 21)));
        for (String[] bad : List.of(new String[] {"2026-02-30", null}, new String[] {null, "21/11/2026"},
                new String[] {"2026-05-02", "2026-05-01"}, new String[] {"2000-01-01", "2026-01-01"})) {
            assertThatThrownBy(() -> DashboardPeriod.parse(bad[0], bad[1]))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> DashboardPeriod.id("projectId", "../x")).isInstanceOf(DomainException.class);
        assertThat(DashboardPeriod.id("projectId", " ")).isNull();
    }

    @Test
    void csv_cells_are_quoted_when_needed_and_formulas_are_defused() {
        assertThat(CommercialCsv.cell("Sami Commercial")).isEqualTo("Sami Commercial");
        assertThat(CommercialCsv.cell("Diallo, Awa")).isEqualTo("\"Diallo, Awa\"");
        assertThat(CommercialCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CommercialCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CommercialCsv.cell("+33 1")).isEqualTo("'+33 1");
        assertThat(CommercialCsv.cell(null)).isEmpty();
    }
}

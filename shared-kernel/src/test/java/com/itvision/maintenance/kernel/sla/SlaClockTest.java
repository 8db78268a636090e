package com.itvision.maintenance.kernel.sla;

import static com.itvision.maintenance.kernel.contract.SupportHours.ALWAYS;
import static com.itvision.maintenance.kernel.contract.SupportHours.BUSINESS_HOURS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.itvision.maintenance.kernel.common.Money;
import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.Coverage;
import com.itvision.maintenance.kernel.contract.PaymentFrequency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * January 2026 calendar used below: Mon 5, Fri 9, Sat 10, Sun 11, Mon 12, Tue 13, Wed 14, Thu 15, Fri 16.
 * Africa/Abidjan is UTC all year, so local times there read as UTC.
 */
class SlaClockTest {
    private static final ZoneId ABIDJAN = ZoneId.of("Africa/Abidjan");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final SlaClock BUSINESS = SlaClock.of(BUSINESS_HOURS, ABIDJAN);
    private static final SlaClock ALWAYS_ON = SlaClock.of(ALWAYS, ABIDJAN);
    private static final List<Hold> NO_HOLDS = List.of();

    /** A local date-time in Abidjan (= UTC). */
    private static Instant at(String localDateTime) {
        return at(localDateTime, ABIDJAN);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    private static Hold hold(String start, String end) {
        return Hold.between(at(start), at(end));
    }

    private static Instant deadline(SlaClock clock, String openedAt, Duration budget, Hold... holds) {
        return clock.deadline(at(openedAt), budget, List.of(holds)).orElseThrow();
    }

    @Nested
    class Deadline_around_the_clock {

        @Test
        void is_the_opening_plus_the_budget() {
            assertThat(deadline(ALWAYS_ON, "2026-01-10T22:15", hours(4))).isEqualTo(at("2026-01-11T02:15"));
        }

        @Test
        void is_pushed_by_the_length_of_a_hold_whatever_the_time_of_day() {
            assertThat(deadline(ALWAYS_ON, "2026-01-10T22:00", hours(4), hold("2026-01-10T23:00", "2026-01-11T01:30")))
                    .isEqualTo(at("2026-01-11T04:30"));
        }
    }

    @Nested
    class Deadline_in_business_hours {

        @Test
        void falls_within_the_same_day_when_the_budget_fits() {
            assertThat(deadline(BUSINESS, "2026-01-13T09:30", hours(4))).isEqualTo(at("2026-01-13T13:30"));
        }

        @Test
        void continues_the_next_morning_across_a_night() {
            assertThat(deadline(BUSINESS, "2026-01-13T16:00", hours(4))).isEqualTo(at("2026-01-14T10:00"));
        }

        @Test
        void continues_on_monday_across_a_weekend() {
            assertThat(deadline(BUSINESS, "2026-01-09T16:00", hours(4))).isEqualTo(at("2026-01-12T10:00"));
        }

        @Test
        void starts_counting_at_the_next_opening_when_opened_on_friday_evening() {
            assertThat(deadline(BUSINESS, "2026-01-09T19:00", hours(4))).isEqualTo(at("2026-01-12T12:00"));
        }

        @Test
        void starts_counting_on_monday_when_opened_on_saturday() {
            assertThat(deadline(BUSINESS, "2026-01-10T10:00", hours(4))).isEqualTo(at("2026-01-12T12:00"));
        }

        @Test
        void starts_counting_at_eight_when_opened_before_eight() {
            assertThat(deadline(BUSINESS, "2026-01-13T06:30", hours(3))).isEqualTo(at("2026-01-13T11:00"));
        }

        @Test
        void treats_eighteen_o_clock_as_closed_when_opened_exactly_then() {
            assertThat(deadline(BUSINESS, "2026-01-13T18:00", hours(1))).isEqualTo(at("2026-01-14T09:00"));
        }

        @Test
        void ends_at_eighteen_o_clock_not_next_morning_when_the_budget_runs_out_exactly_at_closing() {
            assertThat(deadline(BUSINESS, "2026-01-13T14:00", hours(4))).isEqualTo(at("2026-01-13T18:00"));
            assertThat(deadline(BUSINESS, "2026-01-09T08:00", hours(10))).isEqualTo(at("2026-01-09T18:00"));
        }

        @Test
        void counts_opening_at_eight_exactly_as_open() {
            assertThat(deadline(BUSINESS, "2026-01-13T08:00", hours(2))).isEqualTo(at("2026-01-13T10:00"));
        }

        @ParameterizedTest(name = "opened {0} + 24 business hours → {1}")
        @CsvSource({
                "2026-01-12T08:00, 2026-01-14T12:00",   // Mon 10 + Tue 10 + Wed 4
                "2026-01-15T08:00, 2026-01-19T12:00",   // Thu 10 + Fri 10 + Mon 4
                "2026-01-16T13:00, 2026-01-20T17:00"})  // Fri 5 + Mon 10 + Tue 9
        void spreads_a_multi_day_budget_of_2_4_business_days(String openedAt, String expected) {
            assertThat(deadline(BUSINESS, openedAt, hours(24))).isEqualTo(at(expected));
        }

        @Test
        void handles_sub_hour_budgets_and_instants() {
            assertThat(BUSINESS.deadline(at("2026-01-13T17:59:30"), Duration.ofMinutes(1).plusNanos(5), NO_HOLDS))
                    .contains(at("2026-01-14T08:00:30").plusNanos(5));
        }
    }

    @Nested
    class Holds {

        @Test
        void inside_business_hours_push_the_deadline_by_their_length() {
            assertThat(deadline(BUSINESS, "2026-01-12T09:00", hours(4), hold("2026-01-12T10:00", "2026-01-12T11:30")))
                    .isEqualTo(at("2026-01-12T14:30"));
        }

        @Test
        void spanning_a_weekend_only_push_by_the_business_time_they_cover() {
            // Fri 16-17 consumed, on hold Fri 17:00 → Mon 09:00 (2 business hours held), then 3 h: Mon 12:00
            assertThat(deadline(BUSINESS, "2026-01-09T16:00", hours(4), hold("2026-01-09T17:00", "2026-01-12T09:00")))
                    .isEqualTo(at("2026-01-12T12:00"));
        }

        @Test
        void entirely_outside_business_hours_change_nothing() {
            assertThat(deadline(BUSINESS, "2026-01-09T16:00", hours(4),
                    hold("2026-01-09T18:00", "2026-01-12T08:00"), hold("2026-01-12T19:00", "2026-01-12T20:00")))
                    .isEqualTo(at("2026-01-12T10:00"));
        }

        @Test
        void overlapping_nested_duplicated_and_unsorted_are_merged_before_counting() {
            // 10:00-11:00 once merged, plus 12:00-12:30: 1.5 h held
            List<Hold> holds = List.of(
                    hold("2026-01-12T12:00", "2026-01-12T12:30"),
                    hold("2026-01-12T10:30", "2026-01-12T11:00"),
                    hold("2026-01-12T10:00", "2026-01-12T10:45"),
                    hold("2026-01-12T10:10", "2026-01-12T10:20"),
                    hold("2026-01-12T12:00", "2026-01-12T12:30"));

            assertThat(BUSINESS.deadline(at("2026-01-12T09:00"), hours(4), holds)).contains(at("2026-01-12T14:30"));
            assertThat(BUSINESS.elapsed(at("2026-01-12T09:00"), at("2026-01-12T13:00"), holds))
                    .isEqualTo(Duration.ofMinutes(150));
        }

        @Test
        void touching_back_to_back_count_as_one_continuous_hold() {
            assertThat(deadline(BUSINESS, "2026-01-12T09:00", hours(4),
                    hold("2026-01-12T11:00", "2026-01-12T12:00"), hold("2026-01-12T10:00", "2026-01-12T11:00")))
                    .isEqualTo(at("2026-01-12T15:00"));
        }

        @Test
        void before_the_opening_are_ignored_and_straddling_ones_only_count_after_it() {
            assertThat(deadline(BUSINESS, "2026-01-12T09:00", hours(4), hold("2026-01-09T10:00", "2026-01-09T15:00")))
                    .isEqualTo(at("2026-01-12T13:00"));
            assertThat(deadline(BUSINESS, "2026-01-12T09:00", hours(4), hold("2026-01-12T07:00", "2026-01-12T10:00")))
                    .isEqualTo(at("2026-01-12T14:00"));
        }

        @Test
        void of_zero_length_change_nothing() {
            assertThat(deadline(BUSINESS, "2026-01-12T09:00", hours(4), hold("2026-01-12T10:00", "2026-01-12T10:00")))
                    .isEqualTo(at("2026-01-12T13:00"));
        }

        @Test
        void an_open_hold_leaves_the_deadline_undetermined() {
            List<Hold> holds = List.of(Hold.openSince(at("2026-01-12T10:00")));

            assertThat(BUSINESS.deadline(at("2026-01-12T09:00"), hours(4), holds)).isEmpty();
            assertThat(ALWAYS_ON.deadline(at("2026-01-12T09:00"), hours(4), holds)).isEmpty();
        }

        @Test
        void an_open_hold_started_after_the_budget_ran_out_does_not_hide_the_deadline() {
            List<Hold> holds = List.of(Hold.openSince(at("2026-01-12T15:00")));

            assertThat(BUSINESS.deadline(at("2026-01-12T09:00"), hours(4), holds)).contains(at("2026-01-12T13:00"));
        }

        @Test
        void a_hold_cannot_end_before_it_starts() {
            assertThatThrownBy(() -> hold("2026-01-12T10:00", "2026-01-12T09:00"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("before its start");
            assertThatThrownBy(() -> Hold.openSince(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("hold start");
        }

        @Test
        void covers_its_start_but_not_its_end() {
            Hold hold = hold("2026-01-12T10:00", "2026-01-12T11:00");

            assertThat(hold.covers(at("2026-01-12T10:00"))).isTrue();
            assertThat(hold.covers(at("2026-01-12T11:00"))).isFalse();
            assertThat(Hold.openSince(at("2026-01-12T10:00")).covers(at("2030-01-01T00:00"))).isTrue();
        }
    }

    @Nested
    class Elapsed {

        @Test
        void counts_only_business_hours_and_nothing_after_now() {
            // Fri 16-18 + Mon 08-09:30
            assertThat(BUSINESS.elapsed(at("2026-01-09T16:00"), at("2026-01-12T09:30"), NO_HOLDS))
                    .isEqualTo(Duration.ofMinutes(210));
        }

        @Test
        void is_zero_when_now_is_not_after_the_opening() {
            assertThat(BUSINESS.elapsed(at("2026-01-12T10:00"), at("2026-01-12T10:00"), NO_HOLDS)).isZero();
            assertThat(BUSINESS.elapsed(at("2026-01-12T10:00"), at("2026-01-12T09:00"), NO_HOLDS)).isZero();
        }

        @Test
        void stops_at_the_start_of_an_open_hold() {
            List<Hold> holds = List.of(Hold.openSince(at("2026-01-12T10:00")));

            assertThat(BUSINESS.elapsed(at("2026-01-12T09:00"), at("2026-01-14T17:00"), holds)).isEqualTo(hours(1));
            assertThat(ALWAYS_ON.elapsed(at("2026-01-12T09:00"), at("2026-01-14T17:00"), holds)).isEqualTo(hours(1));
        }

        @Test
        void ignores_holds_that_start_after_now() {
            assertThat(BUSINESS.elapsed(at("2026-01-12T09:00"), at("2026-01-12T11:00"),
                    List.of(hold("2026-01-12T10:30", "2026-01-12T12:00"), hold("2026-01-12T15:00", "2026-01-12T16:00"))))
                    .isEqualTo(Duration.ofMinutes(90));
        }

        @Test
        void reaches_the_budget_exactly_at_the_deadline_and_not_before() {
            // Cross-check of the two walks on random tickets: elapsed(deadline) == budget, one nanosecond earlier < budget.
            Random random = new Random(20260329);
            for (SlaClock clock : List.of(BUSINESS, ALWAYS_ON, SlaClock.of(BUSINESS_HOURS, PARIS), SlaClock.of(BUSINESS_HOURS, NEW_YORK))) {
                for (int run = 0; run < 500; run++) {
                    Instant openedAt = at("2026-01-01T00:00").plusSeconds(random.nextInt(365 * 86_400));
                    Duration budget = Duration.ofMinutes(1 + random.nextInt(60 * 80));
                    List<Hold> holds = new ArrayList<>();
                    for (int h = random.nextInt(5); h > 0; h--) {
                        Instant start = openedAt.plusSeconds(random.nextInt(10 * 86_400) - 86_400);
                        holds.add(Hold.between(start, start.plusSeconds(random.nextInt(3 * 86_400))));
                    }

                    Instant deadline = clock.deadline(openedAt, budget, holds).orElseThrow();

                    assertThat(clock.elapsed(openedAt, deadline, holds)).as("%s %s %s %s", clock, openedAt, budget, holds)
                            .isEqualTo(budget);
                    assertThat(clock.elapsed(openedAt, deadline.minusNanos(1), holds)).isLessThan(budget);
                }
            }
        }
    }

    @Nested
    class Business_time_between {

        @Test
        void is_fifty_hours_over_a_whole_week() {
            assertThat(BUSINESS.businessTimeBetween(at("2026-01-12T00:00"), at("2026-01-19T00:00"))).isEqualTo(hours(50));
        }

        @Test
        void is_real_time_around_the_clock() {
            assertThat(ALWAYS_ON.businessTimeBetween(at("2026-01-10T00:00"), at("2026-01-12T03:00"))).isEqualTo(hours(51));
        }

        @Test
        void is_zero_over_a_weekend_and_for_an_empty_or_reversed_interval() {
            assertThat(BUSINESS.businessTimeBetween(at("2026-01-09T18:00"), at("2026-01-12T08:00"))).isZero();
            assertThat(BUSINESS.businessTimeBetween(at("2026-01-12T10:00"), at("2026-01-12T10:00"))).isZero();
            assertThat(BUSINESS.businessTimeBetween(at("2026-01-12T11:00"), at("2026-01-12T10:00"))).isZero();
        }

        @Test
        void cuts_partial_windows_at_both_ends() {
            assertThat(BUSINESS.businessTimeBetween(at("2026-01-12T17:00"), at("2026-01-13T09:15")))
                    .isEqualTo(Duration.ofMinutes(135));
        }
    }

    @Nested
    class Time_zones {

        @Test
        void the_same_instant_gives_a_different_deadline_in_each_contract_zone() {
            Instant openedAt = Instant.parse("2026-01-12T07:00:00Z"); // 07:00 Abidjan, 08:00 Paris, 02:00 New York

            assertThat(SlaClock.of(BUSINESS_HOURS, ABIDJAN).deadline(openedAt, hours(4), NO_HOLDS))
                    .contains(Instant.parse("2026-01-12T12:00:00Z"));
            assertThat(SlaClock.of(BUSINESS_HOURS, PARIS).deadline(openedAt, hours(4), NO_HOLDS))
                    .contains(Instant.parse("2026-01-12T11:00:00Z"));
            assertThat(SlaClock.of(BUSINESS_HOURS, NEW_YORK).deadline(openedAt, hours(4), NO_HOLDS))
                    .contains(Instant.parse("2026-01-12T17:00:00Z"));
        }

        @Test
        void weekends_are_local_friday_evening_in_paris_is_still_friday_afternoon_in_new_york() {
            Instant openedAt = Instant.parse("2026-01-09T20:00:00Z"); // Fri 21:00 Paris, Fri 15:00 New York

            assertThat(SlaClock.of(BUSINESS_HOURS, PARIS).deadline(openedAt, hours(2), NO_HOLDS))
                    .contains(at("2026-01-12T10:00", PARIS));
            assertThat(SlaClock.of(BUSINESS_HOURS, NEW_YORK).deadline(openedAt, hours(2), NO_HOLDS))
                    .contains(at("2026-01-09T17:00", NEW_YORK));
        }

        @Test
        void a_clock_can_be_built_from_contract_terms() {
            ContractTerms terms = new ContractTerms(4, BUSINESS_HOURS, PARIS, Coverage.describedAs("servers"), null,
                    List.of(), Money.of(1_200_000, "XOF"), PaymentFrequency.ANNUAL, false);

            SlaClock clock = SlaClock.forContract(terms);

            assertThat(clock.supportHours()).isEqualTo(BUSINESS_HOURS);
            assertThat(clock.zone()).isEqualTo(PARIS);
        }
    }

    @Nested
    class Daylight_saving_time_in_paris {
        // 2026: clocks go forward on Sunday 29 March (02:00 → 03:00) and back on Sunday 25 October (03:00 → 02:00).
        private final SlaClock parisAlways = SlaClock.of(ALWAYS, PARIS);
        private final SlaClock parisBusiness = SlaClock.of(BUSINESS_HOURS, PARIS);

        @Test
        void around_the_clock_a_day_across_the_spring_forward_night_is_24_real_hours() {
            Instant openedAt = at("2026-03-28T12:00", PARIS); // 11:00Z

            Instant deadline = parisAlways.deadline(openedAt, hours(24), NO_HOLDS).orElseThrow();

            assertThat(deadline).isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
            assertThat(deadline).isEqualTo(at("2026-03-29T13:00", PARIS)); // 25 h on the wall clock
        }

        @Test
        void around_the_clock_a_day_across_the_fall_back_night_is_24_real_hours() {
            Instant openedAt = at("2026-10-24T12:00", PARIS); // 10:00Z

            Instant deadline = parisAlways.deadline(openedAt, hours(24), NO_HOLDS).orElseThrow();

            assertThat(deadline).isEqualTo(Instant.parse("2026-10-25T10:00:00Z"));
            assertThat(deadline).isEqualTo(at("2026-10-25T11:00", PARIS)); // 23 h on the wall clock
        }

        @Test
        void business_hours_open_at_eight_local_on_the_monday_after_spring_forward() {
            // Fri 17:00 CET + 2 h: 1 h on Friday, then Monday from 08:00 CEST = 06:00Z (a week earlier 08:00 CET = 07:00Z)
            assertThat(parisBusiness.deadline(at("2026-03-27T17:00", PARIS), hours(2), NO_HOLDS))
                    .contains(Instant.parse("2026-03-30T07:00:00Z"));
            assertThat(parisBusiness.deadline(at("2026-03-20T17:00", PARIS), hours(2), NO_HOLDS))
                    .contains(Instant.parse("2026-03-23T08:00:00Z"));
        }

        @Test
        void business_hours_open_at_eight_local_on_the_monday_after_fall_back() {
            assertThat(parisBusiness.deadline(at("2026-10-23T17:00", PARIS), hours(2), NO_HOLDS))
                    .contains(Instant.parse("2026-10-26T08:00:00Z"));
            assertThat(parisBusiness.deadline(at("2026-10-16T17:00", PARIS), hours(2), NO_HOLDS))
                    .contains(Instant.parse("2026-10-19T07:00:00Z"));
        }

        @Test
        void a_business_week_containing_a_dst_change_is_still_fifty_hours() {
            assertThat(parisBusiness.businessTimeBetween(at("2026-03-23T00:00", PARIS), at("2026-03-30T00:00", PARIS)))
                    .isEqualTo(hours(50));
            assertThat(parisBusiness.businessTimeBetween(at("2026-10-19T00:00", PARIS), at("2026-10-26T00:00", PARIS)))
                    .isEqualTo(hours(50));
        }

        @Test
        void around_the_clock_the_spring_forward_sunday_is_23_hours_long() {
            assertThat(parisAlways.businessTimeBetween(at("2026-03-29T00:00", PARIS), at("2026-03-30T00:00", PARIS)))
                    .isEqualTo(hours(23));
        }
    }

    @Nested
    class Status {
        // Opened Monday 09:00, budget 4 business hours: deadline 13:00.
        private final Instant openedAt = at("2026-01-12T09:00");
        private final Duration budget = hours(4);

        private SlaStatus statusAt(String now, List<Hold> holds, Instant respondedAt) {
            return BUSINESS.status(openedAt, budget, holds, respondedAt, at(now));
        }

        @Test
        void is_on_track_early_on_with_the_deadline_and_remaining_time() {
            SlaStatus status = statusAt("2026-01-12T10:00", NO_HOLDS, null);

            assertThat(status.state()).isEqualTo(SlaState.ON_TRACK);
            assertThat(status.deadline()).isEqualTo(at("2026-01-12T13:00"));
            assertThat(status.consumed()).isEqualTo(hours(1));
            assertThat(status.remaining()).isEqualTo(hours(3));
            assertThat(status.consumedRatio()).isEqualTo(0.25);
        }

        @Test
        void is_on_track_just_below_three_quarters() {
            SlaStatus status = BUSINESS.status(openedAt, budget, NO_HOLDS, null, at("2026-01-12T12:00").minusNanos(1));

            assertThat(status.state()).isEqualTo(SlaState.ON_TRACK);
        }

        @Test
        void is_at_risk_at_exactly_three_quarters_of_the_budget() {
            SlaStatus status = statusAt("2026-01-12T12:00", NO_HOLDS, null);

            assertThat(status.state()).isEqualTo(SlaState.AT_RISK);
            assertThat(status.consumedRatio()).isEqualTo(0.75);
        }

        @Test
        void is_at_risk_just_before_the_deadline() {
            SlaStatus status = BUSINESS.status(openedAt, budget, NO_HOLDS, null, at("2026-01-12T13:00").minusNanos(1));

            assertThat(status.state()).isEqualTo(SlaState.AT_RISK);
        }

        @Test
        void is_breached_once_the_budget_is_consumed_without_a_response() {
            assertThat(statusAt("2026-01-12T13:00", NO_HOLDS, null).state()).isEqualTo(SlaState.BREACHED);

            SlaStatus late = statusAt("2026-01-13T09:00", NO_HOLDS, null);
            assertThat(late.state()).isEqualTo(SlaState.BREACHED);
            assertThat(late.consumed()).isEqualTo(hours(10)); // Mon 09-18 + Tue 08-09
            assertThat(late.remaining()).isZero();
            assertThat(late.consumedRatio()).isEqualTo(2.5);
        }

        @Test
        void is_met_when_responded_exactly_at_the_deadline() {
            SlaStatus status = statusAt("2026-01-13T09:00", NO_HOLDS, at("2026-01-12T13:00"));

            assertThat(status.state()).isEqualTo(SlaState.MET);
            assertThat(status.consumed()).isEqualTo(budget);
            assertThat(status.remaining()).isZero();
            assertThat(status.consumedRatio()).isEqualTo(1.0);
        }

        @Test
        void is_met_when_responded_early_and_consumption_stops_at_the_response() {
            SlaStatus status = statusAt("2026-01-15T09:00", NO_HOLDS, at("2026-01-12T10:30"));

            assertThat(status.state()).isEqualTo(SlaState.MET);
            assertThat(status.consumed()).isEqualTo(Duration.ofMinutes(90));
            assertThat(status.remaining()).isEqualTo(Duration.ofMinutes(150));
        }

        @Test
        void is_breached_when_responded_after_the_deadline() {
            SlaStatus status = statusAt("2026-01-13T09:00", NO_HOLDS, at("2026-01-12T13:00").plusSeconds(1));

            assertThat(status.state()).isEqualTo(SlaState.BREACHED);
            assertThat(status.remaining()).isZero();
            assertThat(status.consumedRatio()).isGreaterThan(1.0);
        }

        @Test
        void is_paused_while_on_an_open_hold_with_an_unknown_deadline() {
            SlaStatus status = statusAt("2026-01-14T09:00", List.of(Hold.openSince(at("2026-01-12T11:00"))), null);

            assertThat(status.state()).isEqualTo(SlaState.PAUSED);
            assertThat(status.deadline()).isNull();
            assertThat(status.consumed()).isEqualTo(hours(2));
            assertThat(status.remaining()).isEqualTo(hours(2));
            assertThat(status.consumedRatio()).isEqualTo(0.5);
        }

        @Test
        void is_paused_inside_a_closed_hold_even_when_at_risk() {
            SlaStatus status = statusAt("2026-01-12T13:00", List.of(hold("2026-01-12T12:30", "2026-01-12T14:00")), null);

            assertThat(status.state()).isEqualTo(SlaState.PAUSED);
            assertThat(status.deadline()).isEqualTo(at("2026-01-12T14:30"));
            assertThat(status.consumed()).isEqualTo(Duration.ofMinutes(210));
        }

        @Test
        void resumes_when_the_hold_ends() {
            SlaStatus status = statusAt("2026-01-12T14:00", List.of(hold("2026-01-12T12:30", "2026-01-12T14:00")), null);

            assertThat(status.state()).isEqualTo(SlaState.AT_RISK);
        }

        @Test
        void stays_breached_when_put_on_hold_after_the_budget_ran_out() {
            SlaStatus status = statusAt("2026-01-13T09:00", List.of(Hold.openSince(at("2026-01-12T15:00"))), null);

            assertThat(status.state()).isEqualTo(SlaState.BREACHED);
            assertThat(status.deadline()).isEqualTo(at("2026-01-12T13:00"));
            assertThat(status.consumed()).isEqualTo(hours(6));
        }

        @Test
        void is_met_when_responded_during_an_open_hold() {
            SlaStatus status = statusAt("2026-01-14T09:00", List.of(Hold.openSince(at("2026-01-12T11:00"))),
                    at("2026-01-13T10:00"));

            assertThat(status.state()).isEqualTo(SlaState.MET);
            assertThat(status.consumed()).isEqualTo(hours(2));
        }

        @Test
        void is_on_track_outside_business_hours_when_little_time_was_consumed() {
            SlaStatus status = BUSINESS.status(at("2026-01-09T17:00"), budget, NO_HOLDS, null, at("2026-01-11T12:00"));

            assertThat(status.state()).isEqualTo(SlaState.ON_TRACK);
            assertThat(status.consumed()).isEqualTo(hours(1));
            assertThat(status.deadline()).isEqualTo(at("2026-01-12T11:00"));
        }
    }

    @Nested
    class Validation {

        @Test
        void refuses_a_budget_that_is_not_positive() {
            assertThatThrownBy(() -> BUSINESS.deadline(at("2026-01-12T09:00"), Duration.ZERO, NO_HOLDS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget must be positive");
            assertThatThrownBy(() -> BUSINESS.status(at("2026-01-12T09:00"), hours(-1), NO_HOLDS, null, at("2026-01-12T10:00")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget must be positive");
        }

        @Test
        void refuses_nulls_naming_the_missing_argument() {
            Instant t = at("2026-01-12T09:00");

            assertThatThrownBy(() -> SlaClock.of(null, ABIDJAN)).isInstanceOf(NullPointerException.class).hasMessageContaining("supportHours");
            assertThatThrownBy(() -> SlaClock.of(ALWAYS, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("zone");
            assertThatThrownBy(() -> BUSINESS.businessTimeBetween(null, t)).isInstanceOf(NullPointerException.class).hasMessageContaining("from");
            assertThatThrownBy(() -> BUSINESS.businessTimeBetween(t, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("to");
            assertThatThrownBy(() -> BUSINESS.elapsed(null, t, NO_HOLDS)).isInstanceOf(NullPointerException.class).hasMessageContaining("openedAt");
            assertThatThrownBy(() -> BUSINESS.elapsed(t, null, NO_HOLDS)).isInstanceOf(NullPointerException.class).hasMessageContaining("now");
            assertThatThrownBy(() -> BUSINESS.elapsed(t, t, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("holds");
            assertThatThrownBy(() -> BUSINESS.deadline(t, null, NO_HOLDS)).isInstanceOf(NullPointerException.class).hasMessageContaining("budget");
            List<Hold> withNull = new ArrayList<>();
            withNull.add(null);
            assertThatThrownBy(() -> BUSINESS.deadline(t, hours(1), withNull)).isInstanceOf(NullPointerException.class).hasMessageContaining("holds");
            assertThatThrownBy(() -> BUSINESS.status(t, hours(1), NO_HOLDS, null, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("now");
        }

        @Test
        void refuses_a_response_before_the_opening() {
            assertThatThrownBy(() -> BUSINESS.status(at("2026-01-12T09:00"), hours(4), NO_HOLDS, at("2026-01-12T08:59"), at("2026-01-12T10:00")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("respondedAt");
        }
    }

    @Nested
    class Performance {

        @Test
        void a_2000_business_hour_budget_lands_on_the_200th_business_day() {
            SlaClock paris = SlaClock.of(BUSINESS_HOURS, PARIS);

            // 200 business days = 40 weeks from Monday 5 January: Friday 9 October 18:00 (summer time)
            assertThat(paris.deadline(at("2026-01-05T08:00", PARIS), hours(2000), NO_HOLDS))
                    .contains(Instant.parse("2026-10-09T16:00:00Z"));
        }

        @Test
        void thousands_of_long_tickets_are_computed_well_within_a_dashboard_request() {
            SlaClock paris = SlaClock.of(BUSINESS_HOURS, PARIS);
            Instant openedAt = at("2026-01-05T08:00", PARIS);
            List<Hold> holds = List.of(hold("2026-02-02T10:00", "2026-02-20T10:00"), hold("2026-06-01T00:00", "2026-06-03T00:00"));
            paris.status(openedAt, hours(2000), holds, null, at("2026-12-01T12:00", PARIS)); // warm-up

            long start = System.nanoTime();
            for (int i = 0; i < 2_000; i++) {
                SlaStatus status = paris.status(openedAt.plusSeconds(i), hours(2000), holds, null, at("2026-12-01T12:00", PARIS));
                assertThat(status.state()).isNotNull();
            }
            Duration spent = Duration.ofNanos(System.nanoTime() - start);

            // Each status walks ~330 days twice; a minute-by-minute loop would take minutes here.
            assertThat(spent).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void consumed_ratio_is_a_plain_fraction_of_the_budget() {
        SlaStatus status = ALWAYS_ON.status(at("2026-01-12T09:00"), hours(3), NO_HOLDS, null, at("2026-01-12T10:00"));

        assertThat(status.consumedRatio()).isCloseTo(1.0 / 3, within(1e-12));
    }
}

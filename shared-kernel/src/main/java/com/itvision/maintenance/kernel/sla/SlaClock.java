package com.itvision.maintenance.kernel.sla;

import com.itvision.maintenance.kernel.contract.ContractTerms;
import com.itvision.maintenance.kernel.contract.SupportHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where SLA time is computed: the command side when a ticket is opened and when its
 * first intervention starts, the read side at query time. Immutable and thread-safe; cheap to create.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Support windows.</b> {@link SupportHours#ALWAYS} is one continuous window (24/7).
 *       {@link SupportHours#BUSINESS_HOURS} is Monday to Friday, 08:00 to 18:00 local wall-clock
 *       time in the contract's zone; no public holidays. Each window is converted to instants
 *       with that zone's rules on that very day, so a DST change (which happens at night) never
 *       changes the 10 h of a business day; 24/7 time is always real elapsed time. Windows are
 *       half-open: 18:00 itself is outside, 08:00 inside.</li>
 *   <li><b>SLA time</b> between two instants is the time inside support windows, minus holds.
 *       A ticket opened outside its support hours starts consuming at the next window opening
 *       (Friday 19:00 + 4 business hours = Monday 12:00).</li>
 *   <li><b>Holds</b> are half-open intervals [start, end) during which the clock stops. They may be
 *       unsorted, overlapping or nested (they are merged first) and may cover non-business time
 *       (which is simply not counted twice). Whatever part of a hold lies before the opening is
 *       ignored. An open hold ({@code end == null}) stops the clock from its start onwards.</li>
 *   <li><b>Deadline</b>: the earliest instant at which the consumed SLA time reaches the budget. A
 *       budget exhausted exactly at a window close gives that close (18:00), not the next opening.
 *       It is unknown (empty) while an open hold stops the clock before the budget is reached;
 *       an open hold that starts after the budget was exhausted does not hide the deadline.</li>
 *   <li><b>Status</b>: see {@link #status}.</li>
 * </ul>
 *
 * <p>Cost: the walk goes window by window (one per business day, one for 24/7) and hold by hold,
 * never minute by minute: a 2000 business hour budget is about 280 steps.
 */
public final class SlaClock {

    /** At or above this share of the budget consumed, a ticket is {@link SlaState#AT_RISK}: 3/4. */
    private static final int AT_RISK_NUMERATOR = 3;
    private static final int AT_RISK_DENOMINATOR = 4;

    private static final LocalTime OPENING = LocalTime.of(8, 0);
    private static final LocalTime CLOSING = LocalTime.of(18, 0);

    private final SupportHours supportHours;
    private final ZoneId zone;

    private SlaClock(SupportHours supportHours, ZoneId zone) {
        this.supportHours = Objects.requireNonNull(supportHours, "supportHours must not be null");
        this.zone = Objects.requireNonNull(zone, "zone must not be null");
    }

    public static SlaClock of(SupportHours supportHours, ZoneId zone) {
        return new SlaClock(supportHours, zone);
    }

    /** The clock of a contract: its support hours in its time zone. */
    public static SlaClock forContract(ContractTerms terms) {
        Objects.requireNonNull(terms, "terms must not be null");
        return new SlaClock(terms.supportHours(), terms.timeZone());
    }

    public SupportHours supportHours() {
        return supportHours;
    }

    public ZoneId zone() {
        return zone;
    }

    /** SLA time in [from, to) counting only support hours; zero when {@code to} is not after {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        return consumedBetween(from, to, List.of());
    }

    /**
     * SLA time consumed from {@code openedAt} up to {@code now}, holds excluded. Nothing is counted
     * after {@code now}; zero if {@code now} is not after the opening.
     */
    public Duration elapsed(Instant openedAt, Instant now, List<Hold> holds) {
        requireNonNull(openedAt, "openedAt");
        requireNonNull(now, "now");
        return consumedBetween(openedAt, now, normalize(openedAt, holds));
    }

    /**
     * The instant at which {@link #elapsed} reaches {@code budget}; empty while an open hold stops the
     * clock before that.
     */
    public Optional<Instant> deadline(Instant openedAt, Duration budget, List<Hold> holds) {
        requireNonNull(openedAt, "openedAt");
        requirePositive(budget);
        return budgetRunsOut(openedAt, budget, normalize(openedAt, holds));
    }

    /**
     * The ticket's SLA standing at {@code now}, checked in this order:
     * <ol>
     *   <li>responded ({@code respondedAt != null}): {@link SlaState#MET} if at or before the
     *       deadline (or while the deadline is unknown, the budget then not being exhausted), else
     *       {@link SlaState#BREACHED}. A response is a fact: it counts even if recorded after
     *       {@code now} (clock skew between writers and readers); consumed time stops at it;</li>
     *   <li>no response and the budget consumed by {@code now} (deadline reached):
     *       {@link SlaState#BREACHED};</li>
     *   <li>on hold at {@code now}: {@link SlaState#PAUSED};</li>
     *   <li>at least 75 % of the budget consumed (exact comparison): {@link SlaState#AT_RISK};</li>
     *   <li>otherwise {@link SlaState#ON_TRACK}.</li>
     * </ol>
     *
     * @throws IllegalArgumentException if the budget is not positive or the response precedes the opening
     */
    public SlaStatus status(Instant openedAt, Duration budget, List<Hold> holds, Instant respondedAt, Instant now) {
        requireNonNull(openedAt, "openedAt");
        requirePositive(budget);
        requireNonNull(now, "now");
        if (respondedAt != null && respondedAt.isBefore(openedAt)) {
            throw new IllegalArgumentException("respondedAt " + respondedAt + " is before openedAt " + openedAt);
        }
        List<Span> spans = normalize(openedAt, holds);
        Instant deadline = budgetRunsOut(openedAt, budget, spans).orElse(null);
        Instant until = respondedAt != null ? respondedAt : now;
        Duration consumed = consumedBetween(openedAt, until, spans);

        SlaState state;
        if (respondedAt != null) {
            state = deadline == null || !respondedAt.isAfter(deadline) ? SlaState.MET : SlaState.BREACHED;
        } else if (consumed.compareTo(budget) >= 0) {
            state = SlaState.BREACHED;
        } else if (onHold(spans, now)) {
            state = SlaState.PAUSED;
        } else if (consumed.multipliedBy(AT_RISK_DENOMINATOR).compareTo(budget.multipliedBy(AT_RISK_NUMERATOR)) >= 0) {
            state = SlaState.AT_RISK;
        } else {
            state = SlaState.ON_TRACK;
        }
        Duration remaining = budget.minus(consumed);
        return new SlaStatus(state, deadline, consumed, remaining.isNegative() ? Duration.ZERO : remaining,
                seconds(consumed) / seconds(budget));
    }

    @Override
    public String toString() {
        return "SlaClock[" + supportHours + " in " + zone + "]";
    }

    // --- the walk -------------------------------------------------------------------------------

    /** A half-open interval; a hold still open ends at {@link Instant#MAX}. */
    private record Span(Instant start, Instant end) {
        boolean isOpenEnded() {
            return end.equals(Instant.MAX);
        }
    }

    private Optional<Instant> budgetRunsOut(Instant openedAt, Duration budget, List<Span> holds) {
        Duration remaining = budget;
        Instant cursor = openedAt;
        int next = 0; // first hold that may still matter
        while (true) {
            Span window = windowFrom(cursor);
            while (next < holds.size() && !holds.get(next).end().isAfter(window.start())) {
                next++;
            }
            Span hold = next < holds.size() ? holds.get(next) : null;
            if (hold != null && !hold.start().isAfter(window.start())) {
                // The window opens on hold: the clock resumes when the hold ends, if it ever does.
                if (hold.isOpenEnded()) {
                    return Optional.empty();
                }
                cursor = hold.end();
                next++;
                continue;
            }
            Instant runsUntil = hold == null ? window.end() : min(window.end(), hold.start());
            Duration running = Duration.between(window.start(), runsUntil);
            if (running.compareTo(remaining) >= 0) {
                return Optional.of(window.start().plus(remaining));
            }
            remaining = remaining.minus(running);
            cursor = runsUntil;
        }
    }

    private Duration consumedBetween(Instant from, Instant to, List<Span> holds) {
        Duration total = Duration.ZERO;
        Instant cursor = from;
        int next = 0;
        while (cursor.isBefore(to)) {
            Span window = windowFrom(cursor);
            if (!window.start().isBefore(to)) {
                break;
            }
            Instant end = min(window.end(), to);
            Duration counted = Duration.between(window.start(), end);
            while (next < holds.size() && !holds.get(next).end().isAfter(window.start())) {
                next++;
            }
            for (int i = next; i < holds.size() && holds.get(i).start().isBefore(end); i++) {
                Span hold = holds.get(i);
                counted = counted.minus(Duration.between(max(hold.start(), window.start()), min(hold.end(), end)));
            }
            total = total.plus(counted);
            cursor = end;
        }
        return total;
    }

    /** The support window in progress at {@code instant} (cut to start there), or else the next one. */
    private Span windowFrom(Instant instant) {
        if (supportHours == SupportHours.ALWAYS) {
            return new Span(instant, Instant.MAX);
        }
        LocalDate day = LocalDate.ofInstant(instant, zone);
        while (true) {
            if (isBusinessDay(day)) {
                Instant closing = day.atTime(CLOSING).atZone(zone).toInstant();
                if (closing.isAfter(instant)) {
                    return new Span(max(day.atTime(OPENING).atZone(zone).toInstant(), instant), closing);
                }
            }
            day = day.plusDays(1);
        }
    }

    private static boolean isBusinessDay(LocalDate day) {
        DayOfWeek dayOfWeek = day.getDayOfWeek();
        return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY;
    }

    /** Holds cut to the opening, sorted and merged into disjoint spans; empty ones dropped. */
    private static List<Span> normalize(Instant openedAt, List<Hold> holds) {
        Objects.requireNonNull(holds, "holds must not be null (pass an empty list)");
        List<Span> spans = new ArrayList<>(holds.size());
        for (Hold hold : holds) {
            Objects.requireNonNull(hold, "holds must not contain null");
            Span span = new Span(max(hold.start(), openedAt), hold.end() == null ? Instant.MAX : hold.end());
            if (span.end().isAfter(span.start())) {
                spans.add(span);
            }
        }
        spans.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !span.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new Span(last.start(), max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static boolean onHold(List<Span> holds, Instant instant) {
        for (Span hold : holds) {
            if (!instant.isBefore(hold.start()) && instant.isBefore(hold.end())) {
                return true;
            }
        }
        return false;
    }

    private static void requireNonNull(Object value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
    }

    private static void requirePositive(Duration budget) {
        Objects.requireNonNull(budget, "budget must not be null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, got " + budget);
        }
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.contract.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The periods of one contract (the original one, then one per renewal) and, per period, which
 * interventions consumed its quota. Usage restarts at zero in each period and every period stays
 * in the history. Part of the aggregate's state (and its snapshots), so it stays a plain bean.
 */
final class PeriodLedger {
    private List<Entry> entries = new ArrayList<>();

    /** What a consumption decided, kept so a retried consumption answers exactly the same. */
    record Consumption(int contractRevision, int usedAfter, Integer included) {
    }

    static final class Entry {
        private Period period;
        /** interventionId → what its consumption decided. */
        private Map<String, Consumption> consumedBy = new LinkedHashMap<>();

        Entry() {
        }

        Entry(Period period) {
            this.period = period;
        }

        Period period() {
            return period;
        }

        int used() {
            return consumedBy.size();
        }

        Map<String, Consumption> consumedBy() {
            return consumedBy;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && Objects.equals(period, entry.period)
                    && Objects.equals(consumedBy, entry.consumedBy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(period, consumedBy);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeriodLedger ledger && entries.equals(ledger.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    void open(Period period) {
        entries.add(new Entry(period));
    }

    int size() {
        return entries.size();
    }

    Period first() {
        return entries.getFirst().period;
    }

    Period last() {
        return entries.getLast().period;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Index of the period containing {@code day}, or -1. */
    int indexOn(LocalDate day) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).period.contains(day)) {
                return i;
            }
        }
        return -1;
    }

    Entry at(int index) {
        return entries.get(index);
    }

    /** The period an intervention consumed from, or -1 if it consumed nothing. */
    int indexConsumedBy(String interventionId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).consumedBy.containsKey(interventionId)) {
                return i;
            }
        }
        return -1;
    }
}

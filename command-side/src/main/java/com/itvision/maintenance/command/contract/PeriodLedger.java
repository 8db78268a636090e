package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.contract.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The periods of one contract (the original one, then one per renewal) and, per period, how many
 * interventions consumed its quota. Usage restarts at zero in each period and every period stays in the
 * history. Part of the aggregate's state (and its snapshots), so it stays a plain bean, and its size grows
 * with the renewals only: which intervention consumed from which period is kept by
 * {@link QuotaConsumptions}, outside the aggregate (ADR 0019).
 */
final class PeriodLedger {
    private List<Entry> entries = new ArrayList<>();

    static final class Entry {
        private Period period;
        /** Interventions that consumed this period's quota and were not refunded. */
        private int used;

        Entry() {
        }

        Entry(Period period) {
            this.period = period;
        }

        Period period() {
            return period;
        }

        int used() {
            return used;
        }

        /** The period's usage after a consumption or refund, as its event states it. */
        void used(int used) {
            this.used = used;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && Objects.equals(period, entry.period) && used == entry.used;
        }

        @Override
        public int hashCode() {
            return Objects.hash(period, used);
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
}

package com.itvision.maintenance.command.contract;

import com.itvision.maintenance.kernel.contract.Period;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The periods of one contract (the original one, then one per renewal) and, per period, which
 * interventions consumed its quota. Usage restarts at zero in each period and every period stays
 * in the history. Part of the aggregate's state (and its snapshots), so it stays a plain bean.
 */
final class PeriodLedger {
    private List<Entry> entries = new ArrayList<>();

    static final class Entry {
        private Period period;
        /** interventionId → contract revision in force when it consumed. */
        private Map<String, Integer> consumedBy = new LinkedHashMap<>();

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

        Map<String, Integer> consumedBy() {
            return consumedBy;
        }
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

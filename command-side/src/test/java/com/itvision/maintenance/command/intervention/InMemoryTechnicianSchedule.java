package com.itvision.maintenance.command.intervention;

import com.itvision.maintenance.kernel.common.InterventionId;
import com.itvision.maintenance.kernel.common.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code technician_interval} lookup as a list: the intervals a test says are taken. */
final class InMemoryTechnicianSchedule implements TechnicianSchedule {
    private record Entry(UserId technician, Interval interval) {
    }

    private final List<Entry> entries = new ArrayList<>();

    InMemoryTechnicianSchedule with(UserId technician, InterventionId id, Instant start, Instant end) {
        entries.add(new Entry(technician, new Interval(id, start, end)));
        return this;
    }

    @Override
    public List<Interval> overlapping(UserId technician, Instant start, Instant end, InterventionId excluding) {
        return entries.stream()
                .filter(e -> e.technician().equals(technician) && !e.interval().interventionId().equals(excluding))
                .map(Entry::interval)
                .filter(i -> i.start().isBefore(end) && i.end().isAfter(start))
                .toList();
    }
}

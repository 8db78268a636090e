package com.itvision.maintenance.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Technicians and their time. A technician is in one place at a time (INTERVENTION_OVERLAP), an intervention
 * starts no earlier than its ticket's opening and ends at most 5 minutes in the future, and it lasts at least
 * 0.01 h (36 s): so each intervention gets the next free 40-second slot of the technician who is free
 * soonest, and a new TECHNICIAN user is created (through POST /users) when nobody is free within the
 * next 4.5 minutes.
 */
final class Technicians {
    static final Duration SLOT = Duration.ofSeconds(40);
    private static final Duration HORIZON = Duration.ofSeconds(270);

    record Slot(String technicianId, Instant start, Instant end) {
    }

    private record Free(String id, Instant from) {
    }

    private final Http http;
    private final String admin;
    private final PriorityQueue<Free> free = new PriorityQueue<>(Comparator.comparing(Free::from));
    private final AtomicInteger created = new AtomicInteger();

    Technicians(Http http, String admin) {
        this.http = http;
        this.admin = admin;
    }

    /** A slot starting now or later, for a ticket opened before now. */
    Slot next() {
        Instant now = Instant.now().plusMillis(500);
        synchronized (free) {
            Free head = free.peek();
            if (head != null) {
                Instant start = head.from().isAfter(now) ? head.from() : now;
                if (!start.plus(SLOT).isAfter(now.plus(HORIZON))) {
                    free.poll();
                    free.add(new Free(head.id(), start.plus(SLOT)));
                    return new Slot(head.id(), start, start.plus(SLOT));
                }
            }
        }
        String id = create();
        Instant start = Instant.now().plusMillis(500);
        synchronized (free) {
            free.add(new Free(id, start.plus(SLOT)));
        }
        return new Slot(id, start, start.plus(SLOT));
    }

    /** Creates {@code count} technicians up front (each costs a BCrypt hash of its password). */
    void hire(int count) {
        for (int i = 0; i < count; i++) {
            String id = create();
            synchronized (free) {
                free.add(new Free(id, Instant.now()));
            }
        }
    }

    /**
     * Hires until the pool has {@code slots} free slots within the horizon, so that a measuring window never
     * waits for a new technician's BCrypt hash.
     */
    void ensureCapacity(int slots) {
        while (true) {
            Instant now = Instant.now().plusMillis(500);
            Instant horizon = now.plus(HORIZON);
            long capacity = 0;
            synchronized (free) {
                for (Free technician : free) {
                    Instant from = technician.from().isAfter(now) ? technician.from() : now;
                    if (from.isBefore(horizon)) {
                        capacity += Duration.between(from, horizon).toSeconds() / SLOT.toSeconds();
                    }
                }
            }
            if (capacity >= slots) {
                return;
            }
            hire((int) Math.ceil((slots - capacity) / (double) (HORIZON.toSeconds() / SLOT.toSeconds())));
        }
    }

    int count() {
        return created.get();
    }

    private String create() {
        String name = "bench-tech-" + UUID.randomUUID().toString().substring(0, 12);
        String id = http.post("/api/v1/users", admin, Map.of("username", name, "password", name,
                "roles", List.of("TECHNICIAN"))).id();
        created.incrementAndGet();
        return id;
    }
}

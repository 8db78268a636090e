package com.itvision.maintenance.command.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A predictable {@link NumberAllocator}: each scope counts from 1 (or from where a test says) and every call is recorded. */
public final class FixedNumbers implements NumberAllocator {
    private final Map<String, Long> last = new LinkedHashMap<>();
    private final List<String> requestedScopes = new ArrayList<>();

    /** The next number of {@code scope} will be {@code next}. */
    public FixedNumbers continuingAt(String scope, long next) {
        last.put(scope, next - 1);
        return this;
    }

    @Override
    public long next(String scope) {
        requestedScopes.add(scope);
        return last.merge(scope, 1L, Long::sum);
    }

    /** The scopes asked for, in order, one entry per allocated number. */
    public List<String> requestedScopes() {
        return List.copyOf(requestedScopes);
    }
}

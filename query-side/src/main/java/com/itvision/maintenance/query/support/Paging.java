package com.itvision.maintenance.query.support;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import java.util.List;

/**
 * {@code page} (from 0) and {@code size} (1..200, default 50) of every list endpoint. A page may start
 * at most {@value #MAX_OFFSET} rows in: deeper is not browsing any more, narrow the filters instead.
 */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final long MAX_OFFSET = 1_000_000;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0 || s < 1 || s > MAX_SIZE) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED,
                    "page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > MAX_OFFSET) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED,
                    "page * size must be at most " + MAX_OFFSET + ": narrow the filters to reach older rows");
        }
        return new Paging(p, s);
    }

    public int offset() {
        return page * size;
    }

    /** One page of results and the total across all pages (within the caller's scope). */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}

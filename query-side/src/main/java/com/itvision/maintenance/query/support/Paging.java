package com.itvision.maintenance.query.support;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code page} (from 0) and {@code size} (1..200, default 50) of every list endpoint. A page may start
 * at most {@value #MAX_OFFSET} rows in: deeper is not browsing any more, narrow the filters instead.
 *
 * <p>The total is exact up to {@value #MAX_COUNTED} matching rows; beyond, {@code totalExact} is false and the
 * total is a lower bound (at least {@value #MAX_COUNTED}, and more than the rows up to this page's end when
 * any follow). Counting the whole filtered set for every page cost more than
 * the page itself at 100 000 tickets (ADR 0020); a partial page needs no count at all.
 */
public record Paging(int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final long MAX_OFFSET = 1_000_000;
    /** Rows counted at most for a page's total. */
    public static final int MAX_COUNTED = 1_000;

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

    /**
     * One page of results and the total across all pages (within the caller's scope): exact when
     * {@code totalExact}, else a lower bound (more than {@value #MAX_COUNTED} rows match).
     */
    public record Page<T>(List<T> items, int page, int size,
                          @Schema(description = "Matching rows across all pages: exact when totalExact, else a lower "
                                  + "bound (more than " + MAX_COUNTED + " rows match, and more than this page's end "
                                  + "while rows follow it)") long total,
                          @Schema(description = "false when more than " + MAX_COUNTED + " rows match: they are not "
                                  + "counted, total is a lower bound") boolean totalExact) {
    }

    /** A page whose total is known exactly. */
    public <T> Page<T> page(List<T> items, long total) {
        return new Page<>(items, page, size, total, true);
    }

    /** Rows a list query fetches: one more than the page, to know whether any row follows it. */
    public int fetchSize() {
        return size + 1;
    }

    /**
     * A page from the {@link #fetchSize()} rows fetched at {@link #offset()}, whose total is counted only
     * when needed: nothing follows the page, so the total is {@code offset + items}; or rows follow and
     * {@code cappedCount} (the matching rows counted up to {@value #MAX_COUNTED} + 1) is asked, unless the page
     * already ends beyond {@value #MAX_COUNTED}. A total beyond {@value #MAX_COUNTED} is a lower bound that is
     * always greater than the end of this page while rows follow, so paging "while (page + 1) * size &lt;
     * total" never stops early.
     */
    public <T> Page<T> page(List<T> fetched, LongSupplier cappedCount) {
        boolean more = fetched.size() > size;
        List<T> items = more ? List.copyOf(fetched.subList(0, size)) : fetched;
        long end = (long) offset() + items.size();
        if (!more && (!items.isEmpty() || offset() == 0)) {
            return page(items, end);
        }
        if (more && end >= MAX_COUNTED) {
            return new Page<>(items, page, size, end + 1, false);
        }
        long counted = cappedCount.getAsLong();
        return counted > MAX_COUNTED
                ? new Page<>(items, page, size, Math.max(MAX_COUNTED, more ? end + 1 : end), false)
                : page(items, counted);
    }
}

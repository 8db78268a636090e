package com.itvision.maintenance.command.web;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;

/** Parses {@code If-Match: <version>} (quotes and a weak prefix are tolerated) into an expected version. */
public final class IfMatch {
    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    public static Long version(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw DomainException.rule(ErrorCode.INVALID_IF_MATCH,
                    "If-Match must be the aggregate version returned by the last command, e.g. If-Match: 3");
        }
    }
}

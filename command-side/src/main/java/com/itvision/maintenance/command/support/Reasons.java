package com.itvision.maintenance.command.support;

import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;

/** The "reason required" rule shared by every command that asks for one. */
public final class Reasons {
    public static final int MAX_LENGTH = 2000;

    private Reasons() {
    }

    public static String required(String reason, String forWhat) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.rule(ErrorCode.REASON_REQUIRED, "A reason is required to " + forWhat);
        }
        return optional(reason);
    }

    public static String optional(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw DomainException.rule(ErrorCode.VALIDATION_FAILED, "reason is longer than " + MAX_LENGTH + " characters");
        }
        return trimmed;
    }
}

package com.itvision.maintenance.kernel.common;

/**
 * A refused command. The {@link ErrorCode} names the violated rule and decides the HTTP status once,
 * in the API's problem-details mapping; the message is the human explanation.
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static DomainException rule(ErrorCode code, String message) {
        return new DomainException(code, message);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.ROLE_NOT_ALLOWED, message);
    }

    public static DomainException notFound(ErrorCode code, Object id) {
        return new DomainException(code, code.name().replace("_NOT_FOUND", "").toLowerCase().replace('_', ' ') + " " + id + " not found");
    }
}

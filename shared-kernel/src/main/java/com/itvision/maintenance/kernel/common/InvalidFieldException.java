package com.itvision.maintenance.kernel.common;

/**
 * A refusal caused by one input field: the problem document lists it in {@code errors} ({@code field},
 * {@code message}) as it lists bean-validation failures, so a client can show the message next to the
 * field it came from. {@code field} is a path in the request's terms, e.g. {@code hoursSpent} or
 * {@code coverage.equipment[0].location}.
 */
public class InvalidFieldException extends DomainException {
    private final String field;

    public InvalidFieldException(ErrorCode code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package com.itvision.maintenance.kernel.common;

/**
 * Every stable error code the API can return, with the HTTP status family it maps to. Codes are part
 * of the public contract: never rename one, add a new one instead.
 */
public enum ErrorCode {
    // 400: malformed or invalid input
    VALIDATION_FAILED(Kind.INVALID),
    MALFORMED_REQUEST(Kind.INVALID),
    UNKNOWN_FIELD(Kind.INVALID),
    INVALID_PERIOD(Kind.INVALID),
    INVALID_PRICE(Kind.INVALID),
    INVALID_SLA(Kind.INVALID),
    INVALID_QUOTA(Kind.INVALID),
    TYPE_NOT_IN_KIND(Kind.INVALID),
    PROJECT_REQUIRED_FOR_WARRANTY(Kind.INVALID),
    REASON_REQUIRED(Kind.INVALID),
    NOTHING_TO_AMEND(Kind.INVALID),
    INVALID_IF_MATCH(Kind.INVALID),
    INVALID_TIMES(Kind.INVALID),
    INVALID_HOURS(Kind.INVALID),
    INVALID_SCORE(Kind.INVALID),
    REPORT_INCOMPLETE(Kind.INVALID),
    INVALID_QUANTITY(Kind.INVALID),
    // the times are impossible: the technician was already intervening then
    INTERVENTION_OVERLAP(Kind.INVALID),
    // an audit read's point in time (?at=, ?from=, ?to=) is neither an ISO-8601 instant nor a global position
    INVALID_AUDIT_POINT(Kind.INVALID),
    // an audit page's cursor (?after=) is not a global position, or its limit is out of range
    INVALID_CURSOR(Kind.INVALID),
    // 401 / 403
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    ROLE_NOT_ALLOWED(Kind.FORBIDDEN),
    // 404
    NOT_FOUND(Kind.NOT_FOUND),
    CONTRACT_NOT_FOUND(Kind.NOT_FOUND),
    CLIENT_NOT_FOUND(Kind.NOT_FOUND),
    PROJECT_NOT_FOUND(Kind.NOT_FOUND),
    USER_NOT_FOUND(Kind.NOT_FOUND),
    TICKET_NOT_FOUND(Kind.NOT_FOUND),
    BILLET_NOT_FOUND(Kind.NOT_FOUND),
    INTERVENTION_NOT_FOUND(Kind.NOT_FOUND),
    // 409: business rules and concurrency
    CONTRACT_OVERLAP(Kind.CONFLICT),
    INVALID_STATUS_TRANSITION(Kind.CONFLICT),
    PROJECT_NOT_OF_CLIENT(Kind.CONFLICT),
    SALES_REP_NOT_ELIGIBLE(Kind.CONFLICT),
    NOT_A_MANAGER(Kind.CONFLICT),
    RENEWAL_PERIOD_INVALID(Kind.CONFLICT),
    TERMINATION_DATE_INVALID(Kind.CONFLICT),
    QUOTA_BELOW_USAGE(Kind.CONFLICT),
    CURRENCY_MISMATCH(Kind.CONFLICT),
    USERNAME_TAKEN(Kind.CONFLICT),
    ROLE_ALREADY_GRANTED(Kind.CONFLICT),
    ROLE_NOT_GRANTED(Kind.CONFLICT),
    CLIENT_BINDING_INVALID(Kind.CONFLICT),
    CONTRACT_NOT_OF_PROJECT(Kind.CONFLICT),
    AMBIGUOUS_CONTRACT(Kind.CONFLICT),
    TICKET_NOT_TREATABLE(Kind.CONFLICT),
    TECHNICIAN_NOT_ELIGIBLE(Kind.CONFLICT),
    NO_VALID_BILLET(Kind.CONFLICT),
    BILLING_NOT_REQUIRED(Kind.CONFLICT),
    REPORT_MISSING(Kind.CONFLICT),
    REPORT_ALREADY_VALIDATED(Kind.CONFLICT),
    REPORT_REVISION_REQUIRED(Kind.CONFLICT),
    REPORT_NOT_VALIDATED(Kind.CONFLICT),
    FOUR_EYES_REQUIRED(Kind.CONFLICT),
    CLIENT_CONFIRMATION_PENDING(Kind.CONFLICT),
    ALREADY_RATED(Kind.CONFLICT),
    INTERVENTION_CANCELLED(Kind.CONFLICT),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    IDEMPOTENCY_KEY_IN_FLIGHT(Kind.CONFLICT),
    ALREADY_EXISTS(Kind.CONFLICT),
    // a read model already has a blue/green rebuild running (ADR 0015)
    REBUILD_IN_PROGRESS(Kind.CONFLICT),
    // no checkpoint signing key is configured (maintenance.audit.signing-key-file / MAINTENANCE_AUDIT_SIGNING_KEY):
    // a configuration state of this server, which retrying does not change (ADR 0014)
    SIGNING_KEY_NOT_CONFIGURED(Kind.CONFLICT),
    // 413 / 414 / 415 / 431
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),
    URI_TOO_LONG(Kind.URI_TOO_LONG),
    HEADERS_TOO_LARGE(Kind.HEADERS_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED),
    METHOD_NOT_ALLOWED(Kind.METHOD),
    // 429: too many failed sign-ins from one account or address (Retry-After says when to try again)
    TOO_MANY_ATTEMPTS(Kind.TOO_MANY),
    // 500: a defect; nothing was stored
    INTERNAL_ERROR(Kind.INTERNAL),
    // 503: nothing was stored, retry later (Retry-After): the database cannot be reached, or it did not
    // answer in time (a lock held by another transaction, a statement or transaction time limit)
    DATABASE_UNAVAILABLE(Kind.UNAVAILABLE),
    DATABASE_BUSY(Kind.UNAVAILABLE);

    public enum Kind {
        INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, URI_TOO_LONG, HEADERS_TOO_LARGE,
        UNSUPPORTED, METHOD, TOO_MANY, INTERNAL, UNAVAILABLE
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

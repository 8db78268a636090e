package com.itvision.maintenance.command.support;

import com.itvision.maintenance.kernel.common.Actor;
import com.itvision.maintenance.kernel.common.ClientId;
import com.itvision.maintenance.kernel.common.DomainException;
import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The named governance rules of seed 001 shared by tickets, billets and interventions. */
public final class Governance {
    private Governance() {
    }

    /** A CLIENT user never learns that another client's ticket (or billet, or intervention) exists. */
    public static void visibleTo(Actor actor, ClientId owner, ErrorCode notFound, Object id) {
        if (actor.has(Role.CLIENT) && !actor.actsFor(owner) && !actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            throw DomainException.notFound(notFound, id);
        }
    }

    /** Seed 001: issuing billets, validating reports and closing tickets belong to ADMIN and PROJECT_LEAD. */
    public static void leadOrAdmin(Actor actor, String what) {
        if (!actor.hasAny(Role.ADMIN, Role.PROJECT_LEAD)) {
            throw DomainException.forbidden("Only ADMIN or PROJECT_LEAD may " + what);
        }
    }

    public static void adminOnly(Actor actor, String what) {
        if (!actor.has(Role.ADMIN)) {
            throw DomainException.forbidden("Only an ADMIN may " + what);
        }
    }


    /**
     * Hours (spent, estimated): more than 0, at most 1000, in hundredths. More decimals are refused rather
     * than rounded: 0.001 h would round to 0, and rescaling 1E-999999999 would cost gigabytes.
     */
    public static BigDecimal positiveHours(BigDecimal hours, String field) {
        if (hours == null || hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(1000)) > 0
                || hours.stripTrailingZeros().scale() > 2) {
            throw new InvalidFieldException(ErrorCode.INVALID_HOURS, field,
                    field + " must be more than 0 and at most 1000 hours, with at most 2 decimals");
        }
        return hours.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The status workflow of an aggregate: {@code action} is allowed only from one of {@code allowed}. */
    @SafeVarargs
    public static <S extends Enum<S>> void requireStatus(S status, String action, String what, S... allowed) {
        if (!java.util.Arrays.asList(allowed).contains(status)) {
            throw DomainException.rule(ErrorCode.INVALID_STATUS_TRANSITION,
                    "Cannot " + action + " " + what + " that is " + status);
        }
    }
}

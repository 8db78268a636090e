package com.itvision.maintenance.kernel.common;

import java.util.Objects;
import java.util.regex.Pattern;

/** Validation shared by the typed identifiers; ids are opaque strings chosen by the server. */
final class TypedId {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private TypedId() {
    }

    static String check(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is not a valid identifier: " + value);
        }
        return value;
    }
}

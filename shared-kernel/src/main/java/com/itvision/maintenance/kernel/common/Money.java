package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in the currency's minor unit (cents for EUR; XOF has none, so 1 200 000 XOF is 1200000).
 */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        Currency.getInstance(currency); // rejects unknown ISO 4217 codes
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    @JsonIgnore
    public boolean isPositive() {
        return amountMinor > 0;
    }

    @JsonIgnore
    public boolean isZero() {
        return amountMinor == 0;
    }

    /** The amount in major units, e.g. 12.50 for 1250 EUR cents. */
    public BigDecimal toMajor() {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(amountMinor, digits);
    }
}

package com.itvision.maintenance.kernel.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount in the currency's minor unit (cents for EUR; XOF has none, so 1 200 000 XOF is 1200000).
 * The messages of a refused currency are written for the API's clients: they reach them as they are.
 */
public record Money(long amountMinor, @Size(min = 3, max = 3) String currency) {

    public Money {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as XOF or EUR");
        }
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

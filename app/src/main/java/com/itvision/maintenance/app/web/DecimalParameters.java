package com.itvision.maintenance.app.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Integer parameters (page, size, limit, expiringWithinDays...) are decimal digits with an optional minus
 * sign. Spring reads {@code 0x10} as 16, {@code #10} as 16, {@code +1} and {@code " 1"} as 1: when its
 * conversion service refuses a value it falls back to the default property editor, which decodes them
 * (found by the malformed-request corpus). A binder's own editor comes first, so these are registered on
 * every binder; what they refuse is a 400 "must be an integer", as in bodies.
 */
@ControllerAdvice
public class DecimalParameters {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}");

    @InitBinder
    void decimalIntegers(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf, true));
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf, false));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf, true));
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf, false));
    }

    private static final class Decimal extends PropertyEditorSupport {
        private final Function<String, ? extends Number> parse;
        private final boolean nullable;

        Decimal(Function<String, ? extends Number> parse, boolean nullable) {
            this.parse = parse;
            this.nullable = nullable;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty()) {
                if (!nullable) {
                    throw new IllegalArgumentException("an integer is required");
                }
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            setValue(parse.apply(text)); // NumberFormatException (an IllegalArgumentException) beyond the range
        }
    }
}

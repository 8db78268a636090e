package com.itvision.maintenance.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * Text of at most {@link #value()} bytes in UTF-8: for limits counted in bytes, not characters (BCrypt uses
 * the first 72 bytes of a password and Spring Security refuses more, so 72 characters of "é" failed with 500).
 * Beside a {@code @Size(max = value)}, which refuses what is longer in characters.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MaxUtf8Bytes.Validator.class)
public @interface MaxUtf8Bytes {
    int value();

    String message() default "must be at most {value} bytes in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<MaxUtf8Bytes, CharSequence> {
        private int max;

        @Override
        public void initialize(MaxUtf8Bytes constraint) {
            max = constraint.value();
        }

        /** Text longer than the bound in characters is already refused by its {@code @Size}: one refusal is enough. */
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.length() > max || value.toString().getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}

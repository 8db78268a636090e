package com.itvision.maintenance.app.web;

import com.itvision.maintenance.app.web.StrictJsonConfiguration.UnstorableTextException;
import com.itvision.maintenance.kernel.common.StorableText;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns what Jackson refused in a request body into a field path ({@code equipment[0].location}) and a
 * message in the API's terms. Jackson's own messages name Java classes, packages and features
 * ({@code com.itvision...Severity}, {@code DateTimeParseException}, {@code CoercionConfig}): they are
 * for logs, never for clients.
 */
final class JsonInputErrors {
    /** The document as a whole, when no field can be named. */
    static final String BODY = "body";

    private JsonInputErrors() {
    }

    /** One refused field; {@code malformed} when the body is not JSON at all rather than a wrong value. */
    record Refusal(String field, String message, boolean malformed) {
    }

    static Refusal describe(JacksonException e) {
        String field = StorableText.printable(field(e));
        if (e instanceof UnstorableTextException) {
            return new Refusal(field, e.getOriginalMessage(), false);
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new Refusal(field, "unknown field", false);
        }
        if (e instanceof InvalidNullException) {
            return new Refusal(field, "must not be null", false);
        }
        if (e instanceof MismatchedInputException mismatch) {
            Class<?> target = mismatch.getTargetType();
            boolean nullForPrimitive = target != null && target.isPrimitive()
                    && String.valueOf(mismatch.getOriginalMessage()).startsWith("Cannot map `null`");
            return new Refusal(field, nullForPrimitive ? "is required" : InputTypes.expected(target), false);
        }
        if (e instanceof ValueInstantiationException instantiation) {
            // the value objects' constructors say what is wrong in user terms (Money: "currency ...")
            Throwable cause = instantiation.getCause();
            String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : InputTypes.expected(instantiation.getType().getRawClass());
            return new Refusal(field, message, false);
        }
        if (e instanceof InputCoercionException coercion) {
            return new Refusal(field, InputTypes.range(coercion.getTargetType()), false);
        }
        if (e instanceof StreamConstraintsException) {
            return new Refusal(field, "exceeds the limits of this API: text up to %d characters, numbers up to %d digits, "
                    .formatted(StrictJsonConfiguration.MAX_STRING_LENGTH, StrictJsonConfiguration.MAX_NUMBER_LENGTH)
                    + "property names up to %d characters, nesting up to %d levels"
                    .formatted(StrictJsonConfiguration.MAX_NAME_LENGTH, StrictJsonConfiguration.MAX_NESTING_DEPTH), false);
        }
        if (e instanceof StreamReadException && duplicate(e) != null) {
            return new Refusal(StorableText.printable(duplicate(e)), "appears more than once", false);
        }
        return new Refusal(field, "is not valid JSON", true);
    }

    /**
     * The path Jackson recorded while unwinding ({@code equipment[0].location}); for errors raised by the
     * parser itself, which records none, the position the parser had reached.
     */
    static String field(JacksonException e) {
        String path = path(e.getPath());
        if (!path.isEmpty()) {
            return path;
        }
        if (e.processor() instanceof JsonParser parser) {
            String here = path(parser.streamReadContext());
            if (!here.isEmpty()) {
                return here;
            }
        }
        return BODY;
    }

    /**
     * The path of a property given twice, or null for another error. The parser reports it with the
     * property's name only ({@code Duplicate Object property "reason"}), while its context still names the
     * property before it: the object's own path comes from the enclosing contexts.
     */
    private static String duplicate(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int open = message.indexOf('"');
        int close = message.lastIndexOf('"');
        if (!message.startsWith("Duplicate Object property") || open < 0 || close <= open) {
            return null;
        }
        String name = message.substring(open + 1, close);
        String parent = e.processor() instanceof JsonParser parser && parser.streamReadContext() != null
                ? path(parser.streamReadContext().getParent()) : "";
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(TokenStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String segment = c.inArray() ? "[" + Math.max(c.getCurrentIndex(), 0) + "]"
                    : c.currentName() == null ? "" : "." + c.currentName();
            path.insert(0, segment);
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }
}

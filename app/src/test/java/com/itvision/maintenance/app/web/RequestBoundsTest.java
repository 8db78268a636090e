package com.itvision.maintenance.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.IntegrationTest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every text, list and map a client can send has a documented bound: the request body of every endpoint
 * the running application maps is walked, nested records and list elements included, and a String,
 * collection, map or array component without {@code @Size} (or of a type that can hold anything) fails the
 * test naming it. The bounds are in the OpenAPI document as maxLength/maxItems.
 */
class RequestBoundsTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** The request body types of every mapped endpoint. */
    private Set<Class<?>> bodies() {
        Set<Class<?>> bodies = new LinkedHashSet<>();
        for (HandlerMethod method : mappings.getHandlerMethods().values()) {
            for (MethodParameter parameter : method.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    bodies.add(parameter.getParameterType());
                }
            }
        }
        return bodies;
    }

    @Test
    void every_text_list_and_map_of_every_request_body_has_a_bound() {
        Set<Class<?>> bodies = bodies();
        assertThat(bodies).as("the command endpoints' bodies").hasSizeGreaterThan(15);

        List<String> unbounded = new ArrayList<>();
        bodies.forEach(body -> unbounded.addAll(Bounds.missing(body)));

        assertThat(unbounded).as("fields without @Size").isEmpty();
    }

    /** The walk itself finds what it must: otherwise the test above could not fail. */
    @Test
    void the_walk_finds_unbounded_fields_at_any_depth() {
        assertThat(Bounds.missing(Unbounded.class)).containsExactlyInAnyOrder(
                "Unbounded.text: String without @Size",
                "Unbounded.tags: List without @Size",
                "Unbounded.tags[]: String without @Size",
                "Unbounded.inner.notes: String without @Size",
                "Unbounded.inners[].notes: String without @Size",
                "Unbounded.labels: Map without @Size",
                "Unbounded.anything: Object can hold anything: give it a type");
        assertThat(Bounds.missing(Bounded.class)).isEmpty();
    }

    record Inner(String notes, @Size(max = 10) String bounded) {
    }

    record Unbounded(String text, List<String> tags, @Valid Inner inner, @Size(max = 3) List<@Valid Inner> inners,
                     Map<String, @Size(max = 5) String> labels, Object anything, int count) {
    }

    record Bounded(@Size(max = 10) String text, @Size(max = 3) List<@Size(max = 10) String> tags, int count,
                   java.time.LocalDate day) {
    }

    /** The walk over record components. */
    static final class Bounds {
        private Bounds() {
        }

        static List<String> missing(Class<?> body) {
            List<String> missing = new ArrayList<>();
            walk(body, body.getSimpleName(), missing, new LinkedHashSet<>());
            return missing;
        }

        private static void walk(Class<?> type, String path, List<String> missing, Set<Class<?>> seen) {
            if (!type.isRecord() || !seen.add(type)) {
                return;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                check(component.getAnnotatedType(), path + "." + component.getName(), missing, seen,
                        component.getAccessor());
            }
            seen.remove(type);
        }

        /** {@code declaration} carries the component's own annotations; element types carry type-use ones. */
        private static void check(AnnotatedType type, String path, List<String> missing, Set<Class<?>> seen,
                                  AnnotatedElement declaration) {
            Class<?> raw = raw(type.getType());
            boolean bounded = type.isAnnotationPresent(Size.class)
                    || (declaration != null && declaration.isAnnotationPresent(Size.class));
            if (CharSequence.class.isAssignableFrom(raw)) {
                if (!bounded) {
                    missing.add(path + ": String without @Size");
                }
            } else if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw.isArray()) {
                if (!bounded) {
                    missing.add(path + ": " + raw.getSimpleName() + " without @Size");
                }
                for (AnnotatedType element : elements(type)) {
                    check(element, path + "[]", missing, seen, null);
                }
            } else if (raw.isRecord()) {
                walk(raw, path, missing, seen);
            } else if (raw == Object.class || !(raw.isPrimitive() || raw.isEnum() || Number.class.isAssignableFrom(raw)
                    || raw == Boolean.class || Temporal.class.isAssignableFrom(raw))) {
                missing.add(path + ": " + raw.getSimpleName() + " can hold anything: give it a type");
            }
        }

        /** The element types of a list or set, the values of a map (keys are strings bounded by the map). */
        private static List<AnnotatedType> elements(AnnotatedType type) {
            if (type instanceof AnnotatedArrayType array) {
                return List.of(array.getAnnotatedGenericComponentType());
            }
            if (type instanceof AnnotatedParameterizedType parameterized) {
                AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
                return List.of(arguments[arguments.length - 1]);
            }
            return List.of();
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType parameterized) {
                return (Class<?>) parameterized.getRawType();
            }
            return Object.class;
        }
    }
}

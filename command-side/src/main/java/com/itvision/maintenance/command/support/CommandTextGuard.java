package com.itvision.maintenance.command.support;

import com.itvision.maintenance.kernel.common.ErrorCode;
import com.itvision.maintenance.kernel.common.InvalidFieldException;
import com.itvision.maintenance.kernel.common.StorableText;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The event store's last line of defence for text: before any command handler runs, every string in the
 * command, at any depth (record components, lists, sets, maps, arrays, the fields of the application's own
 * classes), must be {@link StorableText}; otherwise the command is refused with {@code VALIDATION_FAILED}
 * naming the field, e.g. {@code terms.coverage.equipment[0].location}.
 *
 * <p>The HTTP edge refuses such text already; this guard covers every other way a command reaches the bus
 * (demo data, imports, an admin CLI, a command a handler sends itself, another node), so that no event a
 * read model cannot apply is ever stored. It is a handler interceptor, so it also runs on the node that
 * handles a command routed from another one.
 */
public final class CommandTextGuard implements MessageHandlerInterceptor<CommandMessage<?>> {
    /** Far deeper than any command; a deeper graph is a defect (or a cycle), refused rather than followed. */
    static final int MAX_DEPTH = 32;
    private static final String OWN_PACKAGES = "com.itvision.";

    private static final ClassValue<List<Accessor>> PARTS = new ClassValue<>() {
        @Override
        protected List<Accessor> computeValue(Class<?> type) {
            return partsOf(type);
        }
    };

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        check(unitOfWork.getMessage().getPayload());
        return chain.proceed();
    }

    /** Refuses {@code command} if any string in it is not storable. */
    public static void check(Object command) {
        walk(command, "", 0);
    }

    private static void walk(Object value, String path, int depth) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidFieldException(ErrorCode.VALIDATION_FAILED, path, path + " is nested too deeply");
        }
        if (value instanceof CharSequence text) {
            if (!StorableText.isStorable(text)) {
                String field = path.isEmpty() ? "value" : path;
                throw new InvalidFieldException(ErrorCode.VALIDATION_FAILED, field,
                        field + " " + StorableText.refusal(text));
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getKey(), path + "[key]", depth + 1);
                walk(entry.getValue(), path + "[" + entry.getKey() + "]", depth + 1);
            }
        } else if (value instanceof Object[] array) {
            for (int i = 0; i < array.length; i++) {
                walk(array[i], path + "[" + i + "]", depth + 1);
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(present -> walk(present, path, depth + 1));
        } else {
            for (Accessor part : PARTS.get(value.getClass())) {
                walk(part.read(value), path.isEmpty() ? part.name() : path + "." + part.name(), depth + 1);
            }
        }
    }

    /**
     * What may hold text: the components of any record, the instance fields of the application's own
     * classes. JDK value types (java.time, ZoneId, UUID, BigDecimal...) hold none a user typed.
     */
    private static List<Accessor> partsOf(Class<?> type) {
        List<Accessor> parts = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessible(accessor);
                parts.add(new Accessor(component.getName(), accessor, null));
            }
        } else if (type.getName().startsWith(OWN_PACKAGES)) {
            for (Class<?> c = type; c != null && c.getName().startsWith(OWN_PACKAGES); c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                        accessible(field);
                        parts.add(new Accessor(field.getName(), null, field));
                    }
                }
            }
        }
        return List.copyOf(parts);
    }

    private static void accessible(java.lang.reflect.AccessibleObject member) {
        try {
            member.setAccessible(true);
        } catch (InaccessibleObjectException | SecurityException e) {
            // public members of exported packages are readable anyway; read() reports the others
        }
    }

    private record Accessor(String name, Method method, Field field) {
        Object read(Object owner) {
            try {
                return method != null ? method.invoke(owner) : field.get(owner);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read " + name + " of " + owner.getClass().getName(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + name + " of " + owner.getClass().getName(),
                        e.getCause());
            }
        }
    }
}

package io.github.vectororm.hibernate.internal;

import io.github.vectororm.hibernate.Normalized;
import java.beans.Introspector;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which attributes carry {@link Normalized}, looked up once per entity class and attribute. */
final class NormalizedAttributes {

    private static final Map<String, Boolean> CACHE = new ConcurrentHashMap<>();

    private NormalizedAttributes() {
    }

    static boolean isNormalized(Class<?> entityClass, String attribute) {
        return CACHE.computeIfAbsent(entityClass.getName() + "#" + attribute, key -> annotated(entityClass, attribute));
    }

    private static boolean annotated(Class<?> entityClass, String attribute) {
        for (Class<?> type = entityClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(attribute) && field.isAnnotationPresent(Normalized.class)) {
                    return true;
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                String name = method.getName();
                String property = name.startsWith("get") && name.length() > 3 ? Introspector.decapitalize(name.substring(3))
                        : name.startsWith("is") && name.length() > 2 ? Introspector.decapitalize(name.substring(2)) : null;
                if (attribute.equals(property) && method.isAnnotationPresent(Normalized.class)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package io.jenkins.plugins.chaos.jenkins;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The argument names of a data-bound class, read the way Jenkins binds them: the parameters of the
 * {@code @DataBoundConstructor} and the properties of the {@code @DataBoundSetter} methods (inherited ones too).
 * The value is the argument's element type, so that nested maps ({@code selector: [...]}) can be checked as well.
 */
final class StepArgumentModel {
    private StepArgumentModel() {
    }

    static Map<String, Class<?>> arguments(Class<?> type) {
        Map<String, Class<?>> arguments = new TreeMap<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    if (!parameter.isNamePresent()) {
                        throw new IllegalStateException(type + ": compile with -parameters to read argument names");
                    }
                    arguments.put(parameter.getName(), elementType(parameter.getParameterizedType()));
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class) && method.getName().startsWith("set")
                    && method.getParameterCount() == 1) {
                String name = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                arguments.put(name, elementType(method.getGenericParameterTypes()[0]));
            }
        }
        if (arguments.isEmpty()) {
            throw new IllegalStateException(type + " has no data-bound arguments");
        }
        return arguments;
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return (Class<?>) type;
    }

    /** Nested describables of this plugin are checked key by key; anything else is a plain value. */
    static boolean isNested(Class<?> type) {
        return type.getPackageName().equals(StepArgumentModel.class.getPackageName())
                && hudson.model.AbstractDescribableImpl.class.isAssignableFrom(type);
    }
}

package io.github.kcpat.access;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for one of Keycloak's wide model interfaces ({@code RealmModel}, {@code UserModel}, ...), of which a rule
 * reads a handful of methods. It answers the methods it is told (by name, whatever the overload), runs an interface's
 * default methods, and fails on anything else: a test then also shows what a rule reads, and a rule that starts
 * reading more fails loudly rather than getting a silent null. A JDK proxy, so the tests need no mocking library.
 */
final class Fake<T> {

    private final Class<T> type;
    private final String name;
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();

    private Fake(Class<T> type, String name) {
        this.type = type;
        this.name = name;
    }

    static <T> Fake<T> of(Class<T> type, String name) {
        return new Fake<>(type, name);
    }

    /** Answers every call of the method with the value (use {@link #answer} for streams, which are read once). */
    Fake<T> with(String method, Object value) {
        return answer(method, args -> value);
    }

    Fake<T> answer(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    T build() {
        Map<String, Function<Object[], Object>> fixed = Map.copyOf(answers);
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] arguments = args == null ? new Object[0] : args;
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + "(" + name + ")";
                };
            }
            Function<Object[], Object> answer = fixed.get(method.getName());
            if (answer != null) {
                return answer.apply(arguments);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException("not faked: " + describe(method));
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private String describe(Method method) {
        return type.getSimpleName() + "(" + name + ")." + method.getName();
    }
}

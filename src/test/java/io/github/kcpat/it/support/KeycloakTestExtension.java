package io.github.kcpat.it.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** What {@link KeycloakTest} does: see there. */
public final class KeycloakTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakTestExtension.class);

    /** What one test class was given, to be cleaned up and checked after it. */
    private static final class State {
        KeycloakServer server;
        IssuedSecrets secrets;
        GreenMail smtp;
        ThrowawayRealm realm;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        KeycloakTest config = AnnotationSupport.findAnnotation(testClass, KeycloakTest.class)
                .orElseThrow(() -> new IllegalStateException(testClass + " is not annotated @KeycloakTest"));
        State state = new State();
        context.getStore(NAMESPACE).put(testClass, state);
        state.server = KeycloakServer.get();
        state.secrets = new IssuedSecrets();
        KeycloakApi kc = new KeycloakApi(state.server);
        Map<String, Object> extra = new HashMap<>();
        if (config.smtp()) {
            state.smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            state.smtp.start();
            extra.put("smtpServer", Map.of("host", "127.0.0.1", "port", Integer.toString(state.smtp.getSmtp().getPort()),
                    "from", "keycloak@example.org"));
        }
        if (!config.realm().isEmpty()) {
            state.realm = config.from().isEmpty()
                    ? new ThrowawayRealm(kc, config.realm(), extra)
                    : ThrowawayRealm.fromFile(kc, config.realm(), config.from(), extra);
        } else if (config.smtp() || !config.from().isEmpty()) {
            throw new IllegalStateException("@KeycloakTest(smtp/from) needs a realm prefix: " + testClass);
        }
        inject(testClass, KeycloakServer.class, state.server);
        inject(testClass, KeycloakApi.class, kc);
        inject(testClass, IssuedSecrets.class, state.secrets);
        inject(testClass, ThrowawayRealm.class, state.realm);
        inject(testClass, GreenMail.class, state.smtp);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), State.class);
        if (state == null || state.server == null) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        if (state.realm != null) {
            run(failures, state.realm::delete);
        }
        if (state.smtp != null) {
            run(failures, state.smtp::stop);
        }
        run(failures, () -> state.secrets.assertNoneIn(state.server.log()));
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) first;
        }
    }

    /** A fresh {@link Browser} in each instance field of that type, for the one test. */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Field field : browserFields(test.getClass())) {
            field.setAccessible(true);
            field.set(test, new Browser());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Field field : browserFields(test.getClass())) {
            field.setAccessible(true);
            Browser browser = (Browser) field.get(test);
            if (browser != null) {
                browser.close();
                field.set(test, null);
            }
        }
    }

    private static List<Field> browserFields(Class<?> testClass) {
        return ReflectionSupport.findFields(testClass,
                f -> !Modifier.isStatic(f.getModifiers()) && f.getType() == Browser.class, HierarchyTraversalMode.TOP_DOWN);
    }

    private static void run(List<Throwable> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failures.add(e);
        }
    }

    private static void inject(Class<?> testClass, Class<?> type, Object value) {
        List<Field> fields = ReflectionSupport.findFields(testClass,
                f -> Modifier.isStatic(f.getModifiers()) && f.getType() == type, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new IllegalStateException("@KeycloakTest fills in " + field + ": it must not be final");
            }
            if (value == null) {
                throw new IllegalStateException(field + " has nothing to be filled with: see @KeycloakTest's realm and smtp");
            }
            try {
                field.setAccessible(true);
                field.set(null, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

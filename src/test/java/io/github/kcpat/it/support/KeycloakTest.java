package io.github.kcpat.it.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class against the suite's one Keycloak server ({@link KeycloakServer#get()}), set up by
 * {@link KeycloakTestExtension}:
 * <ul>
 * <li>before the class, the static fields (of the class or a superclass, not final) of these types are filled in:
 * {@link KeycloakServer}, {@link KeycloakApi}, {@link IssuedSecrets} (a fresh one for the class),
 * {@link ThrowawayRealm} (with {@link #realm()}) and {@code GreenMail} (with {@link #smtp()});</li>
 * <li>before each test, each instance field of the type {@link Browser} is given a fresh browser, closed after the test
 * (after the class's own {@code @AfterEach} methods);</li>
 * <li>with {@link #realm()}, a throwaway realm named by that prefix and the time is created before the class's own
 * {@code @BeforeAll} methods and removed after its {@code @AfterAll} methods: the standard one of
 * {@link ThrowawayRealm}, or the one of the file {@link #from()} under {@code src/test/resources/realms/};</li>
 * <li>after the class, the server log must hold none of the PAT secrets the class gave to its {@link IssuedSecrets}
 * and nothing else shaped like a PAT.</li>
 * </ul>
 * Classes that start other servers, restart this one with other options or need a realm per test keep doing so
 * themselves; the log check still applies to them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(KeycloakTestExtension.class)
public @interface KeycloakTest {

    /** The prefix of the class's throwaway realm's name; empty (the default) for no realm. */
    String realm() default "";

    /**
     * A realm file under {@code src/test/resources/realms/} ({@link Realms#load}), {@code {{realm}}} standing for the
     * realm's name; empty (the default) for {@link ThrowawayRealm}'s standard realm.
     */
    String from() default "";

    /** A GreenMail SMTP server on a free port for the class, set as the throwaway realm's e-mail server. */
    boolean smtp() default false;
}

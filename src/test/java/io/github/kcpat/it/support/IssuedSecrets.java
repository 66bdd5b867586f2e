package io.github.kcpat.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** Every PAT secret a test class saw, so the class can check at the end that the server never logged one. */
public final class IssuedSecrets {

    private static final Pattern ANY_PAT = Pattern.compile("kcpat_[0-9A-Za-z]{20,}");
    private final List<String> secrets = new ArrayList<>();

    public synchronized String remember(String secret) {
        secrets.add(secret);
        return secret;
    }

    public synchronized void assertNoneIn(String log) {
        for (String secret : secrets) {
            if (log.contains(secret)) {
                fail("The server log contains a PAT secret issued by the tests");
            }
            // not even the random part without its prefix
            if (log.contains(secret.substring(6, 30))) {
                fail("The server log contains part of a PAT secret issued by the tests");
            }
        }
        Matcher matcher = ANY_PAT.matcher(log);
        if (matcher.find()) {
            fail("The server log contains something shaped like a PAT at offset " + matcher.start());
        }
    }
}

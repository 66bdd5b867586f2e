package io.github.kcpat.scope;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * A scope's consent text and description as users read them: a message key ({@code ${addressScopeConsentText}}) is
 * resolved in the user's locale through the realm's own translations and the login theme's messages, as Keycloak's
 * consent screen does; plain text is left as it is.
 */
public final class ScopeTexts {

    private static final Pattern KEY = Pattern.compile("^\\$\\{([^}]+)}$");

    private final Properties messages;

    private ScopeTexts(Properties messages) {
        this.messages = messages;
    }

    public static ScopeTexts of(KeycloakSession session, RealmModel realm, UserModel user) {
        Locale locale = session.getContext().resolveLocale(user);
        Properties messages = new Properties();
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            messages.putAll(theme.getEnhancedMessages(realm, locale));
        } catch (IOException | RuntimeException e) {
            // no theme messages: keys fall back to their names below
        }
        realm.getRealmLocalizationTextsByLocale(locale.toLanguageTag()).forEach(messages::put);
        return new ScopeTexts(messages);
    }

    /** The text, with a whole-text message key replaced by its message (or by the key's name when there is none). */
    public String resolve(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = KEY.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        String message = messages.getProperty(m.group(1));
        return message != null ? message : m.group(1);
    }
}

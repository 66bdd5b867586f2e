package io.github.kcpat.setup;

import java.io.IOException;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

/** Whether a realm's account console has the Personal access tokens tab: its theme is this one or built on it. */
public final class AccountThemeCheck {

    private AccountThemeCheck() {
    }

    public static boolean hasTab(KeycloakSession session, RealmModel realm) {
        String name = realm.getAccountTheme();
        for (int depth = 0; name != null && !name.isBlank() && depth < 10; depth++) {
            if (SetupHealth.THEME.equals(name)) {
                return true;
            }
            try {
                Theme theme = session.theme().getTheme(name, Theme.Type.ACCOUNT);
                name = theme == null || theme.getName() == null || !theme.getName().equals(name) ? null : theme.getParentName();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}

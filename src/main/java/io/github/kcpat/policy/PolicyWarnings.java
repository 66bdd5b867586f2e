package io.github.kcpat.policy;

import java.util.ArrayList;
import java.util.List;

import io.github.kcpat.scope.PatClient;
import org.keycloak.models.RealmModel;

/** What an admin should fix in a realm's PAT setup, as {@code GET …/policy} lists it; the README explains each. */
public final class PolicyWarnings {

    private PolicyWarnings() {
    }

    public static List<String> of(RealmModel realm, PolicyAttributes.Reading reading) {
        List<String> warnings = new ArrayList<>(reading.warnings());
        String fullScope = PatClient.fullScopeWarning(realm);
        if (fullScope != null) {
            warnings.add(fullScope);
        }
        return warnings;
    }
}

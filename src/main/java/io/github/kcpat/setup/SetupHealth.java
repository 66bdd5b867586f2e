package io.github.kcpat.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kcpat.compat.KeycloakLine;
import io.github.kcpat.compat.PatGate;
import io.github.kcpat.policy.PatPolicy;
import io.github.kcpat.scope.PatClient;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;

/** The health check of a realm's PAT setup: every finding with its code, its sentence and its fix. */
public final class SetupHealth {

    static final String THEME = "personal-access-tokens";
    static final String AUDIENCE_MAPPER = "oidc-audience-mapper";
    public static final String UNTESTED_KEYCLOAK_LINE = "UNTESTED_KEYCLOAK_LINE";

    private SetupHealth() {
    }

    /**
     * @param remindersOn whether the daily lifecycle (expiry reminders by e-mail) runs on this server; the realm's policy
     *        may still turn reminders off for the realm
     * @param accountThemeOk whether the realm's account theme is this extension's or one built on it
     */
    public static List<Finding> check(RealmModel realm, boolean remindersOn, boolean accountThemeOk) {
        List<Finding> findings = new ArrayList<>();
        if (!KeycloakLine.current().known()) {
            findings.add(untestedLine(KeycloakLine.current(), PatGate.allowUntested()));
        }
        ClientModel client = realm.getClientByClientId(PatClient.CLIENT_ID);
        String setup = "POST /admin/realms/" + realm.getName() + "/personal-access-tokens/setup";
        if (client == null) {
            findings.add(new Finding("NO_CLIENT", "The realm has no '" + PatClient.CLIENT_ID
                    + "' client, so personal access tokens are off.", setup + " creates it, safe by default."));
            return findings;
        }
        if (!client.isEnabled()) {
            findings.add(new Finding("CLIENT_DISABLED", "The '" + PatClient.CLIENT_ID
                    + "' client is disabled, so personal access tokens are off.", "Enable the client, or " + setup + "."));
        }
        if (client.isFullScopeAllowed()) {
            findings.add(new Finding("FULL_SCOPE", PatClient.fullScopeWarning(realm),
                    "Turn 'Full scope allowed' off on the client (" + setup + " does)."));
        }
        Map<String, ClientScopeModel> optional = client.getClientScopes(false);
        Map<String, ClientScopeModel> defaults = client.getClientScopes(true);
        List<String> builtIn = new ArrayList<>();
        optional.keySet().stream().filter(BuiltInScopes.UNWANTED::contains).forEach(builtIn::add);
        defaults.keySet().stream().filter(BuiltInScopes.UNWANTED::contains).forEach(builtIn::add);
        if (!builtIn.isEmpty()) {
            findings.add(new Finding("BUILTIN_SCOPES", "Keycloak's built-in scopes " + String.join(", ", builtIn)
                    + " are attached to the client: users are offered them, or every token carries personal data.",
                    "Remove them from the client's client scopes (" + setup + " does)."));
        }
        if (optional.containsKey(BuiltInScopes.SIGN_IN_LEVEL) || defaults.containsKey(BuiltInScopes.SIGN_IN_LEVEL)) {
            findings.add(new Finding("ACR_SCOPE", "Keycloak's '" + BuiltInScopes.SIGN_IN_LEVEL + "' scope is attached to the"
                    + " client. A personal access token is no sign-in: PATs and tokens exchanged from them never carry acr"
                    + " or auth_time (the extension drops them), so the scope only makes the client's settings misleading.",
                    "Remove it from the client's client scopes (" + setup + " does)."));
        }
        List<ClientScopeModel> selectable = optional.values().stream()
                .filter(scope -> !BuiltInScopes.UNWANTED.contains(scope.getName()))
                .filter(scope -> !BuiltInScopes.SIGN_IN_LEVEL.equals(scope.getName())).toList();
        if (selectable.isEmpty()) {
            findings.add(new Finding("NO_OPTIONAL_SCOPE", "The client offers no scope of your own, so users can only"
                    + " create tokens that carry nothing.", "Create a client scope (for example 'api.read') with the role"
                    + " scope mappings it needs and an audience mapper, and add it to the client as optional."));
        } else if (selectable.stream().noneMatch(SetupHealth::hasAudienceMapper)) {
            findings.add(new Finding("NO_AUDIENCE_MAPPER", "No selectable scope has an audience mapper, so no resource"
                    + " server is in a token's audience and none can introspect it.", "Add an 'Audience' mapper naming"
                    + " the resource server's client to each selectable scope."));
        }
        if (!accountThemeOk) {
            findings.add(new Finding("ACCOUNT_THEME", "The realm's account theme is '" + nullToDefault(realm.getAccountTheme())
                    + "', so the account console has no Personal access tokens tab.", "Set the realm's account theme to '"
                    + THEME + "' (or a theme whose parent is it); " + setup + " with {\"accountTheme\": true} does."));
        }
        Set<String> stored = realm.getEnabledEventTypesStream().collect(java.util.stream.Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (EventType type : List.of(EventType.INTROSPECT_TOKEN, EventType.INTROSPECT_TOKEN_ERROR, EventType.TOKEN_EXCHANGE,
                EventType.TOKEN_EXCHANGE_ERROR)) {
            if (!realm.isEventsEnabled() || !stored.contains(type.name())) {
                missing.add(type.name());
            }
        }
        if (!missing.isEmpty()) {
            findings.add(new Finding("EVENTS_NOT_STORED", "Uses of tokens are not kept: " + String.join(", ", missing)
                    + " events are not stored.", "In Realm settings -> Events -> User events settings, save events and"
                    + " add these types."));
        }
        // Only reminders make mail a must: the notice that a token was revoked as exposed is a courtesy (the revocation
        // and its event happen without it), and a realm that wants no reminders should not be warned at every start.
        Map<String, String> smtp = realm.getSmtpConfig();
        if (remindersOn && PatPolicy.of(realm).expiryRemindersEnabled()
                && (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank())) {
            findings.add(new Finding("NO_SMTP", "Expiry reminders are on but the realm has no e-mail server, so"
                    + " nobody is told before a token expires (nor when a token is revoked because it was reported as"
                    + " exposed).", "Configure Realm settings -> Email, or turn expiry reminders off in the realm's"
                    + " personal access token policy (expiryRemindersEnabled: false)."));
        }
        findings.add(SignalsCheck.of(realm));
        return findings;
    }

    /** The finding on a Keycloak line this release is not tested on, whether the admin opted in or not. */
    static Finding untestedLine(KeycloakLine line, boolean allowed) {
        String tested = String.join(", ", KeycloakLine.KNOWN);
        String option = "--spi-realm-restapi-extension--personal-access-tokens--" + PatGate.OPTION + "=true";
        if (allowed) {
            return new Finding(UNTESTED_KEYCLOAK_LINE, "This is Keycloak " + line.version() + ", a line this release of"
                    + " the extension is not tested on (tested: " + tested + "). Personal access tokens are on because the"
                    + " server runs with " + option + ", at the admin's own risk.", "Install a release of the extension"
                    + " tested on this line as soon as there is one, then drop the option.");
        }
        return new Finding(UNTESTED_KEYCLOAK_LINE, "This is Keycloak " + line.version() + ", a line this release of the"
                + " extension is not tested on (tested: " + tested + "), so personal access tokens are off on this server:"
                + " both APIs answer 404 and every personal access token introspects inactive.", "Install a release of"
                + " the extension tested on this line, or run a tested line; or, at your own risk, start Keycloak with "
                + option + ".");
    }

    private static boolean hasAudienceMapper(ClientScopeModel scope) {
        return scope.getProtocolMappersStream().anyMatch(m -> AUDIENCE_MAPPER.equals(m.getProtocolMapper()));
    }

    private static String nullToDefault(String theme) {
        return theme == null || theme.isBlank() ? "keycloak.v3 (the default)" : theme;
    }
}

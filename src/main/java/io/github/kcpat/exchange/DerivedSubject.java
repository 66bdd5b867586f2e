package io.github.kcpat.exchange;

import io.github.kcpat.access.RealmIssuer;
import io.github.kcpat.access.DerivedTokens;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.crypto.SignatureVerifierContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.AccessToken;

/** A token exchanged from a PAT, presented as the subject of another exchange: verified as Keycloak verifies tokens. */
final class DerivedSubject {

    private final KeycloakSession session;

    DerivedSubject(KeycloakSession session) {
        this.session = session;
    }

    /** The token when its signature, issuer, expiry and the realm's and client's not-before hold; else null. */
    AccessToken verify(String text, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        try {
            TokenVerifier<AccessToken> verifier = TokenVerifier.create(text, AccessToken.class)
                    .realmUrl(RealmIssuer.of(session.getContext().getUri().getBaseUri(), realm.getName()))
                    .checkActive(true)
                    .checkTokenType(false);
            SignatureProvider signatures = session.getProvider(SignatureProvider.class, verifier.getHeader().getAlgorithm().name());
            if (signatures == null) {
                return refuse(event, "Unsupported signature algorithm");
            }
            SignatureVerifierContext signature = signatures.verifier(verifier.getHeader().getKeyId());
            AccessToken token = verifier.verifierContext(signature).verify().getToken();
            if (!DerivedTokens.isDerived(token)) {
                return refuse(event, "Not a token exchanged from a personal access token");
            }
            ClientModel client = realm.getClientByClientId(token.getIssuedFor());
            TokenVerifier.createWithoutSignature(token)
                    .withChecks(TokenManager.NotBeforeCheck.forModel(realm), TokenManager.NotBeforeCheck.forModel(client))
                    .verify();
            return token;
        } catch (VerificationException | RuntimeException e) {
            return refuse(event, "The subject token is invalid, expired or revoked");
        }
    }

    private static AccessToken refuse(EventBuilder event, String reason) {
        event.detail(Details.REASON, reason).error(Errors.INVALID_TOKEN);
        return null;
    }
}

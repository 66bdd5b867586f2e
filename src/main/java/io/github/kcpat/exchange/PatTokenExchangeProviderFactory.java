package io.github.kcpat.exchange;

import io.github.kcpat.compat.PlainProviderFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;

/**
 * RFC 8693 token exchange of a PAT for a short-lived signed access token, at the realm's standard token endpoint.
 * Asked before Keycloak's own exchange providers (higher order); it takes only requests whose subject token is a PAT.
 */
public final class PatTokenExchangeProviderFactory implements TokenExchangeProviderFactory,
        PlainProviderFactory<TokenExchangeProvider> {

    public static final String ID = "personal-access-token";

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new PatTokenExchangeProvider(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 100;
    }
}

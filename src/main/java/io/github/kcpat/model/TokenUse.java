package io.github.kcpat.model;

import java.util.Locale;

/**
 * Who used a token and from where, as its last use is recorded. At introspection it is the resource server (the
 * introspecting client) from its own address, not the token's user; at token exchange the exchanging client from its
 * address; at {@code /self} the token's holder, who presents the token itself, from the holder's address. The client is
 * always the one Keycloak authenticated for the request, never a name the request carries.
 *
 * @param via how the token was used
 * @param clientId the authenticated client's {@code clientId}; null at {@code /self}, where no client is involved
 * @param address the caller's address as Keycloak resolves it (its proxy settings decide whether forwarded headers count)
 */
public record TokenUse(Via via, String clientId, String address) {

    /** The longest client id and address a token's row keeps; a longer one is recorded as unknown. */
    public static final int MAX_CLIENT_ID_LENGTH = 255;
    public static final int MAX_ADDRESS_LENGTH = 64;

    public TokenUse {
        if (via == null) {
            throw new IllegalArgumentException("A use has a kind");
        }
        clientId = via == Via.SELF || clientId == null || clientId.length() > MAX_CLIENT_ID_LENGTH ? null : clientId;
        address = address == null || address.length() > MAX_ADDRESS_LENGTH ? null : address;
    }

    public static TokenUse introspection(String clientId, String address) {
        return new TokenUse(Via.INTROSPECTION, clientId, address);
    }

    public static TokenUse exchange(String clientId, String address) {
        return new TokenUse(Via.EXCHANGE, clientId, address);
    }

    public static TokenUse self(String address) {
        return new TokenUse(Via.SELF, null, address);
    }

    /** How a token was used; stored and shown by its {@link #apiName()}. */
    public enum Via {
        INTROSPECTION, EXCHANGE, SELF;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind a row names, or null for none (a use recorded by an older release) or one this release does not know. */
        public static Via ofApiName(String name) {
            for (Via via : values()) {
                if (via.apiName().equals(name)) {
                    return via;
                }
            }
            return null;
        }
    }
}

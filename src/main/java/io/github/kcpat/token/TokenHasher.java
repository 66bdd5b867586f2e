package io.github.kcpat.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The only form in which a token is kept: its SHA-256 hash, hex encoded. A token carries 256 random bits,
 * so a fast unsalted hash is enough to make the stored value useless to whoever reads the database,
 * and it keeps the look-up a single indexed equality.
 */
public final class TokenHasher {

    private TokenHasher() {
    }

    public static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}

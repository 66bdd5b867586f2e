package io.github.kcpat.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The shape of a personal access token: {@code <prefix><random><checksum>}.
 * <ul>
 *   <li>prefix: fixed and recognisable, so secret scanners can find leaked tokens;</li>
 *   <li>random: 256 bits from a secure random source, as 43 base62 characters;</li>
 *   <li>checksum: CRC32 of prefix and random, as 6 base62 characters, so a mistyped or forged token
 *       is rejected without a database look-up.</li>
 * </ul>
 */
public final class TokenFormat {

    public static final String DEFAULT_PREFIX = "kcpat_";
    static final int RANDOM_BYTES = 32;
    static final int RANDOM_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    private static final Pattern PREFIX_PATTERN = Pattern.compile("[A-Za-z0-9_]{2,16}");

    private final String prefix;
    private final SecureRandom random;

    public TokenFormat(String prefix, SecureRandom random) {
        if (prefix == null || !PREFIX_PATTERN.matcher(prefix).matches()) {
            throw new IllegalArgumentException("A token prefix is 2 to 16 characters of A-Z, a-z, 0-9 and '_'");
        }
        this.prefix = prefix;
        this.random = random;
    }

    public TokenFormat(String prefix) {
        this(prefix, new SecureRandom());
    }

    public String prefix() {
        return prefix;
    }

    public int tokenLength() {
        return prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    /** A new secret. The caller shows it once and keeps only its hash. */
    public String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = prefix + Base62.encode(new BigInteger(1, bytes), RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** True when the text starts with this format's prefix: it is meant as a PAT, well formed or not. */
    public boolean hasPrefix(String text) {
        return text != null && text.startsWith(prefix);
    }

    /** True only for a token of the right length and alphabet whose checksum matches. */
    public boolean isWellFormed(String token) {
        if (token == null || token.length() != tokenLength() || !token.startsWith(prefix)) {
            return false;
        }
        String tail = token.substring(prefix.length());
        if (!Base62.isBase62(tail)) {
            return false;
        }
        int split = token.length() - CHECKSUM_LENGTH;
        return checksum(token.substring(0, split)).equals(token.substring(split));
    }

    /** What a user may see to recognise a token later: the prefix and its last four characters. */
    public String displayHint(String token) {
        return prefix + "..." + token.substring(token.length() - 4);
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
    }
}

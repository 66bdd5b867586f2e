package io.github.kcpat.token;

import java.math.BigInteger;

/** Fixed-width base62 encoding of unsigned integers, the alphabet secret scanners expect in tokens. */
final class Base62 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {
    }

    /** Encodes {@code value} (non-negative) left-padded with '0' to exactly {@code width} characters. */
    static String encode(BigInteger value, int width) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(qr[1].intValue());
            rest = qr[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    static boolean isBase62(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

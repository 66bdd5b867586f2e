package io.github.kcpat.token;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TokenHasherTest {

    @Test
    void isSha256InLowerCaseHex() {
        // the SHA-256 test vector for "abc" (FIPS 180-2)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHasher.hash("abc"));
    }

    @Test
    void fitsTheColumnAndDiffersPerToken() {
        TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        String a = TokenHasher.hash(format.newToken());
        String b = TokenHasher.hash(format.newToken());
        assertEquals(64, a.length());
        assertNotEquals(a, b);
    }
}

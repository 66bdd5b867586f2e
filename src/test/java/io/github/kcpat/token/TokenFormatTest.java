package io.github.kcpat.token;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFormatTest {

    private final TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);

    @Nested
    class NewTokens {

        @Test
        void carryThePrefixRandomPartAndChecksum() {
            String token = format.newToken();
            assertTrue(token.startsWith("kcpat_"));
            assertEquals(6 + 43 + 6, token.length());
            assertEquals(format.tokenLength(), token.length());
            assertTrue(token.substring(6).chars().allMatch(c -> Base62.ALPHABET.indexOf(c) >= 0));
            assertTrue(format.isWellFormed(token));
        }

        @Test
        void holdAtLeast256BitsOfRandomness() {
            // 43 base62 digits can hold every 256-bit value, and 42 cannot
            assertTrue(Math.pow(62, 43) > Math.pow(2, 256));
            assertTrue(Math.pow(62, 42) < Math.pow(2, 256));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                assertTrue(seen.add(format.newToken()));
            }
        }

        @Test
        void useTheRandomSourceTheyAreGiven() {
            SecureRandom fixed = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    java.util.Arrays.fill(bytes, (byte) 0xff);
                }
            };
            String token = new TokenFormat("kcpat_", fixed).newToken();
            // 2^256 - 1 in base62, then the checksum of everything before it
            String body = "kcpat_" + Base62.encode(java.math.BigInteger.TWO.pow(256).subtract(java.math.BigInteger.ONE), 43);
            assertEquals(body + TokenFormat.checksum(body), token);
        }

        @Test
        void aZeroRandomPartIsPaddedToFullWidth() {
            SecureRandom zeros = new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    java.util.Arrays.fill(bytes, (byte) 0);
                }
            };
            String token = new TokenFormat("kcpat_", zeros).newToken();
            assertEquals("kcpat_" + "0".repeat(43), token.substring(0, 49));
            assertTrue(new TokenFormat("kcpat_").isWellFormed(token));
        }
    }

    @Nested
    class Checksum {

        @Test
        void rejectsEverySingleCharacterChange() {
            String token = format.newToken();
            Random random = new Random(42);
            for (int position = 6; position < token.length(); position++) {
                char[] chars = token.toCharArray();
                char replacement;
                do {
                    replacement = Base62.ALPHABET.charAt(random.nextInt(62));
                } while (replacement == chars[position]);
                chars[position] = replacement;
                assertFalse(format.isWellFormed(new String(chars)), "changed at " + position);
            }
        }

        @Test
        void rejectsSwappedNeighbours() {
            String token = format.newToken();
            for (int i = 6; i < token.length() - 1; i++) {
                char[] chars = token.toCharArray();
                if (chars[i] == chars[i + 1]) {
                    continue;
                }
                char c = chars[i];
                chars[i] = chars[i + 1];
                chars[i + 1] = c;
                assertFalse(format.isWellFormed(new String(chars)), "swapped at " + i);
            }
        }

        @Test
        void isKnownValueOfCrc32() {
            // CRC32("kcpat_") = 0x... : pin the algorithm, so tokens issued today stay valid after a refactoring
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update("kcpat_".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(Base62.encode(java.math.BigInteger.valueOf(crc.getValue()), 6), TokenFormat.checksum("kcpat_"));
            assertEquals("000000", Base62.encode(java.math.BigInteger.ZERO, 6));
            assertEquals("4gfFC3", Base62.encode(java.math.BigInteger.valueOf(0xFFFFFFFFL), 6));
        }
    }

    @Nested
    class Recognition {

        @Test
        void rejectsWhatIsNotAToken() {
            assertFalse(format.isWellFormed(null));
            assertFalse(format.isWellFormed(""));
            assertFalse(format.isWellFormed("kcpat_"));
            String token = format.newToken();
            assertFalse(format.isWellFormed(token + "0"));
            assertFalse(format.isWellFormed(token.substring(1)));
            assertFalse(format.isWellFormed("KCPAT_" + token.substring(6)));
            assertFalse(format.isWellFormed(token.substring(0, 10) + "-" + token.substring(11)));
            assertFalse(format.isWellFormed(token.substring(0, 10) + "é" + token.substring(11)));
            assertFalse(format.isWellFormed("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
        }

        @Test
        void tellsAPatFromAJwtByPrefix() {
            assertTrue(format.hasPrefix("kcpat_anything"));
            assertFalse(format.hasPrefix("eyJhbGciOiJSUzI1NiJ9.e30.x"));
            assertFalse(format.hasPrefix(null));
        }

        @Test
        void anotherPrefixMakesAnotherFormat() {
            TokenFormat acme = new TokenFormat("acme_");
            String token = acme.newToken();
            assertTrue(acme.isWellFormed(token));
            assertFalse(format.isWellFormed(token));
            assertEquals(5 + 43 + 6, token.length());
        }

        @Test
        void refusesPrefixesThatAreNotPlainWords() {
            assertThrows(IllegalArgumentException.class, () -> new TokenFormat(""));
            assertThrows(IllegalArgumentException.class, () -> new TokenFormat("a"));
            assertThrows(IllegalArgumentException.class, () -> new TokenFormat("has space_"));
            assertThrows(IllegalArgumentException.class, () -> new TokenFormat("x".repeat(17)));
            assertThrows(IllegalArgumentException.class, () -> new TokenFormat(null));
        }

        @Test
        void theHintShowsOnlyThePrefixAndLastFour() {
            String token = format.newToken();
            String hint = format.displayHint(token);
            assertEquals("kcpat_..." + token.substring(token.length() - 4), hint);
            assertFalse(hint.contains(token.substring(6, 40)));
        }
    }
}

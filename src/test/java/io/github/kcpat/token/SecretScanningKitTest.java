package io.github.kcpat.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secret-scanning kit in {@code docs/secret-scanning/} says what the code does: its regular expression (the same in
 * every file) finds every generated token and none of the near misses, and its checksum algorithm, written out here
 * from the documentation and not from {@link TokenFormat}, agrees with the tokens the extension issues.
 */
class SecretScanningKitTest {

    private static final Path KIT = Path.of("docs/secret-scanning");
    private static final String DOCUMENTED = "\\bkcpat_[0-9A-Za-z]{49}\\b";
    private static final String EXAMPLE = "kcpat_L3fu2n1LJjmJAInmH2F8Nul4OHGygU5OtKasd9eQ1Eu4GN9Ys";

    private static String read(String file) throws IOException {
        return Files.readString(KIT.resolve(file), StandardCharsets.UTF_8);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "not found: " + regex);
        return m.group(1);
    }

    @Test
    void everyFileOfTheKitGivesTheSameExpression() throws IOException {
        assertEquals(DOCUMENTED, first(read("gitleaks.toml"), "regex = '''(.+)'''"));
        assertEquals(DOCUMENTED, first(read("trufflehog.yaml"), "token: '(.+)'"));
        assertEquals(DOCUMENTED, first(read("README.md"), "### Regular expression\\s+```\\s+(\\S+)\\s+```"));
        assertEquals("kcpat_[0-9A-Za-z]{49}", first(read("github-custom-pattern.md"), "Secret format \\| `([^`]+)`"));
        assertTrue(read("github-custom-pattern.md").contains(EXAMPLE));
    }

    @Test
    void theExpressionFindsEveryGeneratedTokenInText() {
        Pattern pattern = Pattern.compile(DOCUMENTED);
        TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        for (int i = 0; i < 2000; i++) {
            String token = format.newToken();
            for (String text : List.of(token, "TOKEN=" + token, "\"" + token + "\",", "Authorization: Bearer " + token + "\n",
                    "https://x/?t=" + token + "&a=b")) {
                Matcher m = pattern.matcher(text);
                assertTrue(m.find(), text);
                assertEquals(token, m.group());
            }
        }
    }

    @Test
    void theExpressionMissesTheNearMisses() {
        Pattern pattern = Pattern.compile(DOCUMENTED);
        String body = EXAMPLE.substring("kcpat_".length());
        List<String> nearMisses = List.of(
                "kcpat_" + body.substring(1),                  // one character short
                "kcpat_" + body + "x",                        // one too many
                "kcpaT_" + body,                              // another prefix
                "xkcpat_" + body,                             // part of a longer word
                "kcpat_" + body.substring(0, 20) + "-" + body.substring(21), // not base62
                "kcpat_" + body.substring(0, 20) + "_" + body.substring(21),
                "kcpat_" + body.substring(0, 20) + "é" + body.substring(21),
                "kcpat-" + body,
                "kcpat_");
        for (String miss : nearMisses) {
            assertFalse(pattern.matcher(miss).find(), miss);
        }
    }

    @Test
    void theDocumentedChecksumAgreesWithIssuedTokens() {
        TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        assertTrue(documentedCheck(EXAMPLE) && format.isWellFormed(EXAMPLE), "the README's example");
        for (int i = 0; i < 2000; i++) {
            String token = format.newToken();
            assertTrue(documentedCheck(token), token);
            // a typo (one character replaced) is caught by the documented check as by the extension
            char[] typo = token.toCharArray();
            int at = 6 + i % 43;
            typo[at] = typo[at] == 'a' ? 'b' : 'a';
            String mistyped = new String(typo);
            assertEquals(format.isWellFormed(mistyped), documentedCheck(mistyped), mistyped);
        }
    }

    /** The algorithm as docs/secret-scanning/README.md states it. */
    private static boolean documentedCheck(String candidate) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        String prefix = "kcpat_";
        if (!candidate.startsWith(prefix) || candidate.length() != prefix.length() + 49) {
            return false;
        }
        for (char c : candidate.substring(prefix.length()).toCharArray()) {
            if (alphabet.indexOf(c) < 0) {
                return false;
            }
        }
        CRC32 crc = new CRC32();
        crc.update(candidate.substring(0, candidate.length() - 6).getBytes(StandardCharsets.US_ASCII));
        long n = crc.getValue();
        StringBuilder checksum = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            checksum.insert(0, alphabet.charAt((int) (n % 62)));
            n /= 62;
        }
        return n == 0 && checksum.toString().equals(candidate.substring(candidate.length() - 6));
    }
}

package io.github.kcpat.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kcpat.access.InactiveTokenReason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The README's "Troubleshooting {@code {"active": false}}" table names every reason the server gives for an inactive
 * token ({@link InactiveTokenReason}) and no other. In the table, {@code …} stands for any text: a part filled in per
 * request, or the start of a reason the row shortens.
 */
class InactiveTokenReasonsDocumentedTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The reasons in the first column of the table, as written. */
    static List<String> tableReasons() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf("### Troubleshooting `{\"active\": false}`");
        assertFalse(heading < 0, "the README has its troubleshooting section");
        List<String> reasons = new ArrayList<>();
        int i = heading + 1;
        while (i < lines.size() && !lines.get(i).startsWith("| `reason`")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher code = CODE.matcher(lines.get(i).split("\\|")[1]);
            while (code.find()) {
                reasons.add(code.group(1));
            }
        }
        return reasons;
    }

    static boolean matches(String shown, InactiveTokenReason reason) {
        String[] parts = shown.split("…", -1);
        String glob = String.join(".*", Arrays.stream(parts).map(Pattern::quote).toList());
        return Pattern.compile(glob, Pattern.DOTALL).matcher(reason.text().replace("%s", "x")).matches();
    }

    @Test
    void theTableNamesEveryReasonOfTheCodeAndNoOther() throws IOException {
        List<String> shown = tableReasons();
        List<String> missing = Arrays.stream(InactiveTokenReason.values())
                .filter(reason -> shown.stream().noneMatch(s -> matches(s, reason)))
                .map(InactiveTokenReason::text).toList();
        assertEquals(List.of(), missing, "reasons the README's table does not name");
        List<String> unknown = shown.stream()
                .filter(s -> Arrays.stream(InactiveTokenReason.values()).noneMatch(reason -> matches(s, reason)))
                .toList();
        assertEquals(List.of(), unknown, "reasons in the README's table that the server never gives");
    }

    @Test
    void aShortenedEntryStandsForTheReasonItEnds() {
        assertEquals(true, matches("… past the realm's longest allowed lifetime", InactiveTokenReason.PAST_LONGEST_LIFETIME));
        assertEquals(true, matches("Client '…' is not in the token audience", InactiveTokenReason.AUDIENCE));
        assertEquals(false, matches("Personal access token expired", InactiveTokenReason.UNUSED_TOO_LONG));
        assertEquals(false, matches("Personal access token", InactiveTokenReason.EXPIRED));
    }
}

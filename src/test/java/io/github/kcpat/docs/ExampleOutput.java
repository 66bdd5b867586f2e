package io.github.kcpat.docs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether what an example printed is what its page shows, trimmed. JSON: every field shown is there with that value
 * (fields left out of the page are not checked); a string with {@code …} stands for any text in its place; a number
 * stands for any number (times and counts differ from run to run); an array is as long as shown unless its last
 * element is {@code "…"}. Text: the lines shown appear in that order, {@code …} standing for any text within a line.
 */
public final class ExampleOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELLIPSIS = "…";

    private ExampleOutput() {
    }

    /** Null when it matches; otherwise what differs, in words. */
    public static String mismatch(String kind, String expected, String actual) {
        return kind.equals("json") ? jsonMismatch(expected, actual) : textMismatch(expected, actual);
    }

    private static String jsonMismatch(String expected, String actual) {
        JsonNode want;
        JsonNode got;
        try {
            want = JSON.readTree(expected);
        } catch (Exception e) {
            return "the page's output is not JSON: " + e.getMessage();
        }
        try {
            got = JSON.readTree(actual);
        } catch (Exception e) {
            return "the example printed no JSON: " + actual;
        }
        return got == null ? "the example printed nothing" : compare("$", want, got);
    }

    static String compare(String path, JsonNode want, JsonNode got) {
        if (want.isTextual()) {
            return got.isTextual() && glob(want.asText()).matcher(got.asText()).matches() ? null
                    : path + ": shown " + want + ", printed " + got;
        }
        if (want.isNumber()) {
            return got.isNumber() ? null : path + ": shown a number, printed " + got;
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                return path + ": shown an object, printed " + got;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = want.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!got.has(field.getKey())) {
                    return path + "." + field.getKey() + ": shown, not printed";
                }
                String difference = compare(path + "." + field.getKey(), field.getValue(), got.get(field.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (want.isArray()) {
            if (!got.isArray()) {
                return path + ": shown a list, printed " + got;
            }
            int shown = want.size();
            boolean open = shown > 0 && ELLIPSIS.equals(want.get(shown - 1).asText(null));
            int compared = open ? shown - 1 : shown;
            if (open ? got.size() < compared : got.size() != compared) {
                return path + ": shown " + compared + (open ? " or more" : "") + " elements, printed " + got.size();
            }
            for (int i = 0; i < compared; i++) {
                String difference = compare(path + "[" + i + "]", want.get(i), got.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return want.equals(got) ? null : path + ": shown " + want + ", printed " + got;
    }

    private static String textMismatch(String expected, String actual) {
        List<String> printed = new ArrayList<>(actual.lines().toList());
        int from = 0;
        for (String line : expected.lines().toList()) {
            Pattern wanted = glob(line.strip());
            int found = -1;
            for (int i = from; i < printed.size(); i++) {
                if (wanted.matcher(printed.get(i).strip()).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return "shown line not printed (in this order): " + line + "\nprinted:\n" + actual;
            }
            from = found + 1;
        }
        return null;
    }

    private static Pattern glob(String shown) {
        List<String> parts = new ArrayList<>();
        for (String part : shown.split(ELLIPSIS, -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.DOTALL);
    }
}

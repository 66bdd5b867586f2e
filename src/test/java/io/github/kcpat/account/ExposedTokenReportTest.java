package io.github.kcpat.account;

import java.util.Collections;

import io.github.kcpat.access.Refusal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExposedTokenReportTest {

    @Test
    void takesOneToAHundredStrings() {
        assertEquals(1, ExposedTokenReport.parse("{\"tokens\":[\"kcpat_x\"]}").received());
        String hundred = "{\"tokens\":[" + String.join(",", Collections.nCopies(100, "\"a\"")) + "]}";
        assertEquals(100, ExposedTokenReport.parse(hundred).received());
    }

    @Test
    void refusesEveryOtherShape() {
        for (String body : new String[] {null, "", "[]", "{}", "{\"tokens\":[]}", "{\"tokens\":\"kcpat_x\"}",
                "{\"tokens\":[1]}", "{\"tokens\":[null]}", "{\"tokens\":[\"a\"],\"more\":1}", "{\"token\":[\"a\"]}", "not json",
                "{\"tokens\":[" + String.join(",", Collections.nCopies(101, "\"a\"")) + "]}"}) {
            Refusal e = assertThrows(Refusal.class,
                    () -> ExposedTokenReport.parse(body), String.valueOf(body));
            String expected = "not json".equals(body) ? "The request body is not valid JSON"
                    : "The body must be {\"tokens\": [\"<token>\", ...]} with 1 to 100 tokens";
            assertEquals(expected, e.getMessage(), body);
        }
    }
}

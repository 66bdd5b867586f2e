package io.github.kcpat.issuance;

import java.util.List;

import io.github.kcpat.access.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateTokenRequestTest {

    private static final long NOW = 1_800_000_000L;

    @Test
    void readsAFullRequest() {
        CreateTokenRequest request = CreateTokenRequest.parse(
                "{\"name\":\"  ci  \",\"scopes\":[\"api.read\",\"api.write\",\"api.read\"],\"expiresAt\":" + (NOW + 60) + "}", NOW);
        assertEquals("ci", request.name());
        assertEquals(List.of("api.read", "api.write"), request.scopes());
        assertEquals(NOW + 60, request.expiresAt());
    }

    @Test
    void scopesAndExpiryAreOptional() {
        CreateTokenRequest request = CreateTokenRequest.parse("{\"name\":\"n\"}", NOW);
        assertEquals(List.of(), request.scopes());
        assertNull(request.expiresAt());
        assertNull(CreateTokenRequest.parse("{\"name\":\"n\",\"scopes\":null,\"expiresAt\":null}", NOW).expiresAt());
    }

    @Test
    void aNameOfExactlyTheLimitIsFine() {
        String name = "é".repeat(CreateTokenRequest.MAX_NAME_LENGTH);
        assertEquals(name, CreateTokenRequest.parse("{\"name\":\"" + name + "\"}", NOW).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "null", "[]", "\"name\"", "{", "{\"name\":\"a\"",
            "{}", "{\"name\":null}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":42}", "{\"name\":[\"a\"]}",
            "{\"name\":\"tab\\there\"}", "{\"name\":\"line\\nbreak\"}",
            "{\"name\":\"invoice\\u202egpj.exe\"}", "{\"name\":\"zero\\u200bwidth\"}", "{\"name\":\"bom\\ufeff\"}",
            "{\"name\":\"line\\u2028sep\"}", "{\"name\":\"para\\u2029sep\"}", "{\"name\":\"isolate\\u2066x\"}",
            "{\"name\":\"n\",\"scopes\":\"api.read\"}", "{\"name\":\"n\",\"scopes\":[1]}", "{\"name\":\"n\",\"scopes\":[\"\"]}",
            "{\"name\":\"n\",\"scopes\":[null]}",
            "{\"name\":\"n\",\"expiresAt\":\"soon\"}", "{\"name\":\"n\",\"expiresAt\":1.5}",
            "{\"name\":\"n\",\"expiresAt\":1800000000}", "{\"name\":\"n\",\"expiresAt\":1799999999}",
            "{\"name\":\"n\",\"expiresAt\":-1}", "{\"name\":\"n\",\"expiresAt\":1800000000000}",
            "{\"name\":\"n\",\"expiresAt\":99999999999999999999999}",
            "{\"name\":\"n\",\"expires_at\":1800000100}", "{\"name\":\"n\",\"token\":\"kcpat_x\"}"
    })
    void refusesWhatItCannotHonour(String body) {
        Refusal e = assertThrows(Refusal.class, () -> CreateTokenRequest.parse(body, NOW));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void refusesAnOverLongName() {
        String name = "x".repeat(CreateTokenRequest.MAX_NAME_LENGTH + 1);
        assertThrows(Refusal.class, () -> CreateTokenRequest.parse("{\"name\":\"" + name + "\"}", NOW));
        assertThrows(Refusal.class,
                () -> CreateTokenRequest.parse("{\"name\":\"" + "y".repeat(10_000) + "\"}", NOW));
    }

    @Test
    void countsTheNameAsTheDatabaseStoresIt() {
        String rocket = "\uD83D\uDE80"; // one emoji, two UTF-16 code units: two characters of a VARCHAR on H2
        String fifty = rocket.repeat(CreateTokenRequest.MAX_NAME_LENGTH / 2);
        assertEquals(fifty, CreateTokenRequest.parse("{\"name\":\"" + fifty + "\"}", NOW).name());
        Refusal e = assertThrows(Refusal.class,
                () -> CreateTokenRequest.parse("{\"name\":\"" + fifty + rocket + "\"}", NOW));
        assertTrue(e.getMessage().contains("an emoji counts as two"), e.getMessage());
    }

    @Test
    void refusesTooManyScopes() {
        StringBuilder scopes = new StringBuilder();
        for (int i = 0; i <= CreateTokenRequest.MAX_SCOPES; i++) {
            scopes.append(i == 0 ? "" : ",").append("\"s").append(i).append('"');
        }
        assertThrows(Refusal.class,
                () -> CreateTokenRequest.parse("{\"name\":\"n\",\"scopes\":[" + scopes + "]}", NOW));
    }

    @Test
    void namesMarkupAsPlainText() {
        assertEquals("<script>alert(1)</script>",
                CreateTokenRequest.parse("{\"name\":\"<script>alert(1)</script>\"}", NOW).name());
    }

    @Test
    void takesAReasonForTheApproversOfAtMost500Characters() {
        assertNull(CreateTokenRequest.parse("{\"name\":\"n\"}", NOW).reason());
        assertNull(CreateTokenRequest.parse("{\"name\":\"n\",\"reason\":\"  \"}", NOW).reason(), "blank is none");
        assertEquals("for the nightly export\nof orders", CreateTokenRequest.parse(
                "{\"name\":\"n\",\"reason\":\" for the nightly export\\nof orders \"}", NOW).reason());
        String limit = "r".repeat(500);
        assertEquals(limit, CreateTokenRequest.parse("{\"name\":\"n\",\"reason\":\"" + limit + "\"}", NOW).reason());
        Refusal tooLong = assertThrows(Refusal.class,
                () -> CreateTokenRequest.parse("{\"name\":\"n\",\"reason\":\"" + limit + "r\"}", NOW));
        assertEquals("invalid_request", tooLong.error());
        assertThrows(Refusal.class, () -> CreateTokenRequest.parse("{\"name\":\"n\",\"reason\":42}", NOW));
        assertThrows(Refusal.class, () -> CreateTokenRequest.parse("{\"name\":\"n\",\"reason\":\"a\\u202Eb\"}", NOW));
    }
}

package io.github.kcpat.admin;

import io.github.kcpat.http.PatApiException;
import io.github.kcpat.model.TokenQuery;

/**
 * The admin token list's query parameters, each checked with its own plain answer: {@code userId},
 * {@code expiresBefore} and {@code unusedSince} (Unix seconds), {@code first} and {@code max} (at most
 * {@value #LARGEST_MAX}, default {@value #DEFAULT_MAX}).
 */
final class AdminQuery {

    static final int DEFAULT_MAX = 100;
    static final int LARGEST_MAX = 1000;

    private AdminQuery() {
    }

    static TokenQuery parse(String userId, String expiresBefore, String unusedSince, String first, String max) {
        int from = number("first", first, 0, 0, Integer.MAX_VALUE);
        int size = number("max", max, DEFAULT_MAX, 1, LARGEST_MAX);
        return new TokenQuery(userId, time("expiresBefore", expiresBefore), time("unusedSince", unusedSince), from, size);
    }

    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw PatApiException.invalidRequest(name + " must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw PatApiException.invalidRequest(name + " must be a whole number");
        }
    }

    private static Long time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw PatApiException.invalidRequest(name + " must be Unix seconds");
        }
    }
}

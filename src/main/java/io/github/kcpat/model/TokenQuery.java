package io.github.kcpat.model;

/**
 * Which of a realm's tokens an admin asks for; null fields do not filter. Results are newest first.
 *
 * @param expiresBefore Unix seconds: tokens that expire before then (tokens without expiry never match)
 * @param unusedSince Unix seconds: tokens not used since then (never used ones count from their creation)
 */
public record TokenQuery(String userId, Long expiresBefore, Long unusedSince, int first, int max) {
}

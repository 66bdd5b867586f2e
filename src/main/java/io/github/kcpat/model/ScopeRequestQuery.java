package io.github.kcpat.model;

import java.util.Collection;

/**
 * A filter on a realm's scope requests, as the admin API's list takes it.
 *
 * @param state {@code pending}, {@code approved}, {@code denied}, or null for all
 * @param scopes only requests for these scopes (the caller's to approve)
 * @param userId only this owner's requests, or null
 * @param excludedUserId never this owner's requests (the caller's own), or null
 * @param requestedBefore only requests made before this time (Unix seconds), or null
 */
public record ScopeRequestQuery(String state, Collection<String> scopes, String userId, String excludedUserId,
                                Long requestedBefore, int first, int max) {
}

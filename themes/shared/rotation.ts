/**
 * The rotation overlap both consoles offer on regenerate: how long the replaced secret keeps working. The server takes
 * `{"overlapSeconds": n}`, at most the realm's `maxRotationOverlapSeconds`, and ends the old secret at the token's
 * current expiry if that comes first (TokenIssuer.previousSecretUntil).
 */

export const HOUR = 3_600;

/** The overlaps offered, in seconds; 0 is "no overlap", the default, as without a body. */
export const OVERLAP_CHOICES = [0, HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR] as const;

/** The server's default limit, assumed when an older server does not say. */
export const DEFAULT_MAX_OVERLAP_SECONDS = 86_400;

/** The choices the realm allows: those up to its limit (only "no overlap" when the limit is 0). */
export function allowedOverlaps(maxRotationOverlapSeconds: number | undefined): number[] {
  const max = maxRotationOverlapSeconds ?? DEFAULT_MAX_OVERLAP_SECONDS;
  return OVERLAP_CHOICES.filter((seconds) => seconds <= max);
}

/**
 * Until when (Unix seconds) the old secret works after a regenerate now with this overlap, as the server computes it:
 * now + overlap, but never past the token's current end (`expiresAt`, null for never). Undefined for no overlap, or
 * when the token's end has already come (the old secret then stops at once).
 */
export function previousSecretEnd(overlapSeconds: number, expiresAt: number | null, nowSeconds: number): number | undefined {
  if (overlapSeconds <= 0) return undefined;
  const end = expiresAt === null ? nowSeconds + overlapSeconds : Math.min(nowSeconds + overlapSeconds, expiresAt);
  return end > nowSeconds ? end : undefined;
}

/** The key suffix naming a choice in the consoles' texts: "None", "1h", "1d", "7d", "30d". */
export function overlapKey(seconds: number): string {
  if (seconds === 0) return "None";
  return seconds % (24 * HOUR) === 0 ? `${seconds / (24 * HOUR)}d` : `${seconds / HOUR}h`;
}

/**
 * Until when (Unix seconds) the secret the token replaced last still works, if it still does: a new regenerate ends it
 * at once, whatever overlap it asks for (a token has at most one previous secret). Undefined when none works.
 */
export function olderSecretEnding(previousSecretExpiresAt: number | null | undefined, nowSeconds: number): number | undefined {
  return previousSecretExpiresAt != null && previousSecretExpiresAt > nowSeconds ? previousSecretExpiresAt : undefined;
}

import type Keycloak from "keycloak-js";
import type { NewToken } from "./api";

/**
 * Creating or regenerating a token needs a recent sign-in. When the server answers 401
 * insufficient_user_authentication, the console remembers what the user asked for (never a secret) in
 * sessionStorage, sends them to Keycloak's login with prompt=login and the server's max_age, and on return
 * finishes the action by itself, so nothing is typed twice but the password.
 */
export const STEP_UP_ERROR = "insufficient_user_authentication";
export const PENDING_KEY = "kcpat.pendingAction";
/** A pending action older than this is dropped rather than carried out by surprise much later. */
const PENDING_LIFETIME_MS = 15 * 60 * 1000;

export type PendingAction = { kind: "create"; token: NewToken } | { kind: "regenerate"; id: string; name: string; overlapSeconds?: number };

type Stored = PendingAction & { at: number };

let signingInAgain = false;

/** Whether the page is being left for Keycloak's login on purpose (then no "leave this page?" question). */
export const isSigningInAgain = () => signingInAgain;

export function signInAgain(keycloak: Keycloak, pending: PendingAction, maxAge?: number): Promise<never> {
  try {
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ ...pending, at: Date.now() } satisfies Stored));
  } catch {
    // storage unavailable: sign in again all the same; the user then repeats the action by hand
  }
  signingInAgain = true;
  // back to this very page of the console (keycloak-js's default too, said here on purpose)
  void keycloak.login({ prompt: "login", maxAge, redirectUri: window.location.href });
  // the page is left for the login; nothing more happens here
  return new Promise<never>(() => {});
}

/** The action the user asked for before signing in again, taken out of storage first, so that it runs at most once. */
export function takePendingAction(): PendingAction | undefined {
  let stored: string | null;
  try {
    stored = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
  } catch {
    return undefined;
  }
  if (!stored) return undefined;
  try {
    return valid(JSON.parse(stored));
  } catch {
    return undefined;
  }
}

function valid(value: unknown): PendingAction | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const stored = value as Partial<Stored> & Record<string, unknown>;
  const age = Date.now() - (typeof stored.at === "number" ? stored.at : 0);
  if (age < 0 || age > PENDING_LIFETIME_MS) return undefined;
  if (stored.kind === "regenerate") {
    const overlap = stored.overlapSeconds;
    return typeof stored.id === "string" && typeof stored.name === "string"
      ? {
          kind: "regenerate",
          id: stored.id,
          name: stored.name,
          overlapSeconds: typeof overlap === "number" && Number.isInteger(overlap) && overlap > 0 ? overlap : 0,
        }
      : undefined;
  }
  if (stored.kind === "create") {
    const token = stored.token as Partial<NewToken> | undefined;
    if (
      token &&
      typeof token.name === "string" &&
      Array.isArray(token.scopes) &&
      token.scopes.every((scope) => typeof scope === "string") &&
      (token.expiresAt === null || typeof token.expiresAt === "number")
    ) {
      return {
        kind: "create",
        token: { name: token.name, scopes: token.scopes, expiresAt: token.expiresAt, selfRotate: token.selfRotate === true },
      };
    }
  }
  return undefined;
}

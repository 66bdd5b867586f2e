import type Keycloak from "keycloak-js";
import type { NewToken } from "./api";

/**
 * Creating or regenerating a token needs a recent sign-in. When the server answers 401
 * insufficient_user_authentication, the console remembers what the user asked for (never a secret) in
 * sessionStorage, sends them to Keycloak's login with prompt=login and the server's max_age, and on return
 * finishes the action by itself, so nothing is typed twice but the password.
 */
export const STEP_UP_ERROR = "insufficient_user_authentication";
const PENDING_KEY = "kcpat.pendingAction";

export type PendingAction = { kind: "create"; token: NewToken } | { kind: "regenerate"; id: string; name: string };

export function signInAgain(keycloak: Keycloak, pending: PendingAction, maxAge?: number): Promise<never> {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  void keycloak.login({ prompt: "login", maxAge, redirectUri: window.location.href });
  // the page is left for the login; nothing more happens here
  return new Promise<never>(() => {});
}

/** The action the user asked for before signing in again, taken out of storage so that it runs at most once. */
export function takePendingAction(): PendingAction | undefined {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored) as PendingAction;
    return parsed.kind === "create" || parsed.kind === "regenerate" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

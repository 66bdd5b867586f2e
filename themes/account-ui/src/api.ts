import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { useMemo } from "react";
import { ApiError, requestJson } from "../../shared/http";
import type { AccountPolicy, Token, WithSecret } from "../../shared/types";
import { type PendingAction, signInAgain, STEP_UP_ERROR } from "./stepUp";

export type { Token } from "../../shared/types";
/** The realm policy as the self-service API shows it, with the names of the scopes that need approval. */
export type Policy = AccountPolicy;
export { ApiError } from "../../shared/http";

/** Only the create response carries the secret. */
export type CreatedToken = WithSecret<Token>;

/** `displayName`: the scope's consent screen text in the user's language, when the admin gave it one. */
export type Scope = { name: string; displayName?: string; description?: string };

/** `reason`: for the approvers of the scopes that need approval (plain text, at most 500 characters); left out when none. */
export type NewToken = { name: string; scopes: string[]; expiresAt: number | null; selfRotate: boolean; reason?: string };

/** The self-service API, called with the signed-in user's access token, as the console's own pages call theirs. */
export function usePersonalAccessTokensApi() {
  const { environment, keycloak } = useEnvironment();
  return useMemo(() => {
    const base = `${environment.serverBaseUrl}/realms/${encodeURIComponent(environment.realm)}/personal-access-tokens`;

    /** With `pending`, a stale sign-in sends the user to sign in again and resumes that action afterwards. */
    async function call<T>(path: string, init: RequestInit = {}, pending?: PendingAction): Promise<T> {
      try {
        await keycloak.updateToken(5);
      } catch {
        await keycloak.login();
      }
      try {
        return await requestJson<T>(base + path, keycloak.token, init);
      } catch (e) {
        if (pending && e instanceof ApiError && e.status === 401 && e.error === STEP_UP_ERROR) {
          return signInAgain(keycloak, pending, e.maxAge);
        }
        throw e;
      }
    }

    return {
      list: (signal?: AbortSignal) => call<Token[]>("", { signal }),
      scopes: (signal?: AbortSignal) => call<Scope[]>("/scopes", { signal }),
      policy: (signal?: AbortSignal) => call<Policy>("/policy", { signal }),
      /**
       * `overlapSeconds`: how long the old secret keeps working (0: it stops at once, sent as no body, as before).
       * `resumable`: on a stale sign-in, sign in again and regenerate afterwards (false when already resuming).
       */
      regenerate: (id: string, name: string, overlapSeconds = 0, resumable = true) =>
        call<CreatedToken>(
          `/${encodeURIComponent(id)}/regenerate`,
          overlapSeconds > 0 ? { method: "POST", body: JSON.stringify({ overlapSeconds }) } : { method: "POST" },
          resumable ? { kind: "regenerate", id, name, overlapSeconds } : undefined,
        ),
      create: (token: NewToken, resumable = true) =>
        call<CreatedToken>(
          "",
          { method: "POST", body: JSON.stringify(token) },
          resumable ? { kind: "create", token } : undefined,
        ),
      remove: (id: string) => call<void>(`/${encodeURIComponent(id)}`, { method: "DELETE" }),
    };
  }, [environment, keycloak]);
}

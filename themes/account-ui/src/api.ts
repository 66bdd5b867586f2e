import { useEnvironment } from "@keycloak/keycloak-account-ui";
import { useMemo } from "react";
import { type PendingAction, signInAgain, STEP_UP_ERROR } from "./stepUp";

/** Times are Unix seconds; null means "never". */
export type Token = {
  id: string;
  name: string;
  scopes: string[];
  hint: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  /** The token may replace its own secret (POST .../self/rotate with the token itself). */
  selfRotate: boolean;
  /** The realm's policy cut the asked-for expiry short; `expiresAt` is then the cut one. */
  expiryCutByPolicy?: boolean;
  /** Until when the secret this token replaced with an overlap still works; null when none does. */
  previousSecretExpiresAt?: number | null;
};

/** Only the create response carries the secret. */
export type CreatedToken = Token & { token: string };

/** `displayName`: the scope's consent screen text in the user's language, when the admin gave it one. */
export type Scope = { name: string; displayName?: string; description?: string };

export type NewToken = { name: string; scopes: string[]; expiresAt: number | null; selfRotate: boolean };

/** The realm's rules for tokens; a limit of 0 means no limit. */
export type Policy = {
  expiryRequired: boolean;
  maxLifetimeDays: number;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  /** a token unused for this many days is revoked (0: never) */
  unusedRevokeDays?: number;
  /** the clients through which tokens may be created, and how recent that sign-in must be */
  creationClients?: string[];
  maxAuthAgeSeconds?: number;
  /** the longest a replaced secret may keep working after a regenerate (0: it stops at once) */
  maxRotationOverlapSeconds?: number;
};

/** An answer of the self-service API other than success: {"error", "error_description"}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly maxAge?: number,
  ) {
    super(description);
  }
}

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
      const response = await fetch(base + path, {
        ...init,
        headers: {
          ...init.headers,
          accept: "application/json",
          "content-type": "application/json",
          authorization: `Bearer ${keycloak.token}`,
        },
      });
      if (!response.ok) {
        let error = "unexpected_error";
        let description = `HTTP ${response.status}`;
        let maxAge: number | undefined;
        try {
          const body = await response.json();
          error = body.error ?? error;
          description = body.error_description ?? description;
          maxAge = typeof body.max_age === "number" ? body.max_age : undefined;
        } catch {
          // not JSON: keep the status
        }
        // RFC 9470 also names max_age in the challenge header
        maxAge ??= challengeMaxAge(response.headers.get("www-authenticate"));
        if (pending && response.status === 401 && error === STEP_UP_ERROR) {
          return signInAgain(keycloak, pending, maxAge);
        }
        throw new ApiError(response.status, error, description, maxAge);
      }
      return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
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

/** max_age from a `WWW-Authenticate: Bearer ..., max_age=300` challenge, if there is one. */
function challengeMaxAge(header: string | null): number | undefined {
  const match = header ? /\bmax_age="?(\d+)"?/i.exec(header) : null;
  return match ? Number(match[1]) : undefined;
}

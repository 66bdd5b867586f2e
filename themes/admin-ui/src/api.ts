import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useMemo } from "react";

/** A token as the admin API shows it. Times are Unix seconds; null means never. */
export type AdminToken = {
  id: string;
  name: string;
  scopes: string[];
  hint: string;
  createdAt: number;
  expiresAt: number | null;
  /** The realm's policy cut the token's expiry short of what it was created with: expiresAt is the cut one. */
  expiryCutByPolicy?: boolean;
  selfRotate?: boolean;
  lastUsedAt: number | null;
  lastUsedIp?: string | null;
  /** Until when the secret this token replaced with an overlap still works; null when none does. */
  previousSecretExpiresAt?: number | null;
  owner: { id: string; username?: string | null; serviceAccountOf?: string };
};

/** Only the create answer carries the secret. */
export type CreatedToken = AdminToken & { token: string };

export type TokenFilter = { userId?: string; expiresBefore?: number; unusedSince?: number };

/** The realm's rules; what 0 means (if it is allowed) is said by each field's help in the Policy tab. */
export type Policy = {
  expiryRequired: boolean;
  maxLifetimeDays: number;
  defaultLifetimeDays: number;
  maxTokensPerUser: number;
  unusedRevokeDays: number;
  creationClients: string[];
  maxAuthAgeSeconds: number;
  /** absent on a server of an older release of this extension */
  expiryRemindersEnabled?: boolean;
  /** the longest a replaced secret may keep working after a regenerate (0: it stops at once); absent on older servers */
  maxRotationOverlapSeconds?: number;
  warnings?: string[];
};

export type NewBotToken = { name: string; scopes: string[]; expiresAt: number | null };

/** An answer other than success: {"error", "error_description"}. */
export class PatApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** One thing missing or risky in the realm's PAT setup. */
export type Finding = { code: string; message: string; fix: string };

export function errorText(error: unknown): string {
  if (error instanceof PatApiError) return error.description;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The extension's admin API, /admin/realms/{realm}/personal-access-tokens, called as the console calls the admin
 * REST API: on the admin client's base URL (the admin hostname) with its fresh access token.
 */
export function usePatApi() {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  return useMemo(() => {
    const base = () =>
      `${adminClient.baseUrl}/admin/realms/${encodeURIComponent(realm)}/personal-access-tokens`;

    async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
      const token = await adminClient.getAccessToken();
      const response = await fetch(base() + path, {
        ...init,
        headers: {
          ...init.headers,
          accept: "application/json",
          ...(init.body ? { "content-type": "application/json" } : {}),
          authorization: `Bearer ${token}`,
        },
      });
      if (!response.ok) {
        let error = "unexpected_error";
        let description = `HTTP ${response.status}`;
        try {
          const body = await response.json();
          error = body.error ?? error;
          description = body.error_description ?? body.errorMessage ?? description;
        } catch {
          // not JSON: keep the status
        }
        throw new PatApiError(response.status, error, description);
      }
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }

    const query = (params: Record<string, string | number | undefined>) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== "") search.set(key, String(value));
      }
      const text = search.toString();
      return text ? `?${text}` : "";
    };

    return {
      realm,
      list: (filter: TokenFilter, first: number, max: number) =>
        call<AdminToken[]>(query({ ...filter, first, max })),
      revoke: (id: string) => call<void>(`/${encodeURIComponent(id)}`, { method: "DELETE" }),
      revokeUser: (userId: string) =>
        call<{ revoked: number }>(`/users/${encodeURIComponent(userId)}`, { method: "DELETE" }),
      revokeAll: () => call<{ revoked: number }>("?all=true", { method: "DELETE" }),
      createBot: (clientId: string, token: NewBotToken) =>
        call<CreatedToken>(`/service-accounts/${encodeURIComponent(clientId)}`, {
          method: "POST",
          body: JSON.stringify(token),
        }),
      /** a bot token's new secret; the old one keeps working for `overlapSeconds` (0: it stops at once, no body) */
      regenerateBot: (id: string, overlapSeconds: number) =>
        call<CreatedToken>(
          `/${encodeURIComponent(id)}/regenerate`,
          overlapSeconds > 0 ? { method: "POST", body: JSON.stringify({ overlapSeconds }) } : { method: "POST" },
        ),
      policy: () => call<Policy>("/policy"),
      health: () => call<{ findings: Finding[] }>("/setup"),
      setup: (accountTheme: boolean) =>
        call<{ changes: string[]; findings: Finding[] }>("/setup", {
          method: "POST",
          body: JSON.stringify({ accountTheme }),
        }),
      updatePolicy: (policy: Partial<Policy>) =>
        call<Policy>("/policy", { method: "PUT", body: JSON.stringify(policy) }),
      /** the clients that have a service account */
      serviceAccountClients: async () =>
        (await adminClient.clients.find({ realm, first: 0, max: 1000 }))
          .filter((client) => client.serviceAccountsEnabled && client.clientId)
          .map((client) => client.clientId!)
          .sort((a, b) => a.localeCompare(b)),
      /** the optional client scopes of the client "personal-access-tokens": what a token may ask for; null without it */
      offeredScopes: async () => {
        const [patClient] = await adminClient.clients.find({ realm, clientId: "personal-access-tokens" });
        if (!patClient?.id) return null;
        const scopes = await adminClient.clients.listOptionalClientScopes({ realm, id: patClient.id });
        return scopes.map((scope) => scope.name!).filter(Boolean).sort((a, b) => a.localeCompare(b));
      },
      /** name -> consent screen text of the realm's client scopes that have one (the admin API of PATs has none) */
      consentTexts: async () =>
        Object.fromEntries(
          (await adminClient.clientScopes.find({ realm }))
            .filter((scope) => scope.name && scope.attributes?.["consent.screen.text"]?.trim())
            .map((scope) => [scope.name!, scope.attributes!["consent.screen.text"] as string]),
        ) as Record<string, string>,
      findUserId: async (username: string) => {
        const [user] = await adminClient.users.find({ realm, username, exact: true });
        return user?.id;
      },
      username: async (id: string) => (await adminClient.users.findOne({ realm, id }))?.username,
    };
  }, [adminClient, realm]);
}

export type PatApi = ReturnType<typeof usePatApi>;

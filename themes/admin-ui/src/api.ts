import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useMemo } from "react";
import { requestJson } from "../../shared/http";
import type { AdminPolicy, AdminToken, KeycloakLineStatus, WithSecret } from "../../shared/types";
import { type ApprovalRequest, type DecideAnswer, queryString } from "../../shared/approvals";

export type { AdminToken, KeycloakLineStatus } from "../../shared/types";
export type { ApprovalRequest, DecideAnswer } from "../../shared/approvals";
/** The realm policy as the admin API shows it, with the scopes that need approval and their approver groups. */
export type Policy = AdminPolicy;
export type Decision = "approve" | "deny";
export { ApiError, errorText } from "../../shared/http";

/** Only the create and regenerate answers carry the secret. */
export type CreatedToken = WithSecret<AdminToken>;

export type TokenFilter = { userId?: string; expiresBefore?: number; unusedSince?: number };

export type NewBotToken = { name: string; scopes: string[]; expiresAt: number | null };

/** One thing missing or risky in the realm's PAT setup. */
export type Finding = { code: string; message: string; fix: string; level?: "warning" | "info" };

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

    const call = async <T,>(path: string, init: RequestInit = {}): Promise<T> =>
      requestJson<T>(base() + path, await adminClient.getAccessToken(), init);

    const query = queryString;
    const reasonBody = (reason?: string) => (reason ? { body: JSON.stringify({ reason }) } : {});

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
      /** the approval requests the caller may decide (never the caller's own), filtered (see shared/approvals requestQuery) */
      requests: (params: Record<string, string | number>) => call<ApprovalRequest[]>(`/requests${query(params)}`),
      /** the scopes the caller may approve; empty for none */
      requestScopes: async () => (await call<{ scopes: string[] }>("/requests/scopes")).scopes,
      decideOne: (id: string, decision: Decision, reason?: string) =>
        call<ApprovalRequest>(`/requests/${encodeURIComponent(id)}/${decision}`, { method: "POST", ...reasonBody(reason) }),
      decideMany: (ids: string[], decision: Decision, reason?: string) =>
        call<DecideAnswer>("/requests/decide", {
          method: "POST",
          body: JSON.stringify({ ids, decision, ...(reason ? { reason } : {}) }),
        }),
      /** the Keycloak line the server runs on and whether PATs are on there (served while they are off, too) */
      keycloakLine: () => call<KeycloakLineStatus>("/keycloak-line"),
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

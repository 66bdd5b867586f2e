import type { ApprovalScope, ScopeApproval } from "./approvals";

/**
 * The JSON shapes of the extension's two REST APIs (docs/api.md), as both consoles read them. Times are Unix seconds;
 * null means "never".
 */

/** A token as both APIs show it; the admin API adds its owner and the last use's address (AdminToken). */
export type Token = {
  id: string;
  name: string;
  scopes: string[];
  hint: string;
  createdAt: number;
  /** when it stops under the realm's current policy */
  expiresAt: number | null;
  /** the realm's policy cut the asked-for expiry short; `expiresAt` is then the cut one */
  expiryCutByPolicy?: boolean;
  lastUsedAt: number | null;
  /**
   * the clientId of the client that made the last recorded use: the introspecting resource server or the exchanging
   * client; null at /self (the holder presented the token itself), for never, and for a use an older release recorded
   */
  lastUsedBy?: string | null;
  /** how the token was last used: "introspection", "exchange" or "self"; null for never or an older release's record */
  lastUsedVia?: string | null;
  /** the token may replace its own secret (POST .../self/rotate with the token itself) */
  selfRotate?: boolean;
  /** until when the secret this token replaced with an overlap still works; null when none does */
  previousSecretExpiresAt?: number | null;
  /**
   * one entry per asked scope that needs (or needed) an approver; a pending one is not in the token's claims yet, a
   * denied one is no longer in `scopes`. Absent on a server of an older release of this extension.
   */
  scopeApprovals?: ScopeApproval[];
};

/** A token as the admin API shows it. */
export type AdminToken = Token & {
  /** the address of the last recorded use: the resource server's, the exchanging client's, or the holder's at /self */
  lastUsedIp?: string | null;
  owner: { id: string; username?: string | null; serviceAccountOf?: string };
};

/** Only the answer to a create or regenerate carries the secret. */
export type WithSecret<T extends Token> = T & { token: string };

/** The realm's rules for tokens (GET …/policy of either API); a limit of 0 means no limit. */
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
  /** absent on a server of an older release of this extension */
  expiryRemindersEnabled?: boolean;
  /** the longest a replaced secret may keep working after a regenerate (0: it stops at once); absent on older servers */
  maxRotationOverlapSeconds?: number;
  /** days after which an undecided approval request lapses as denied (1..90); absent on older servers */
  approvalLapseDays?: number;
  /** what an admin should fix; read-only */
  warnings?: string[];
  /** the Keycloak line this server runs on (the self-service API's answer only); read-only */
  keycloakLine?: KeycloakLineStatus;
};

/** The policy as the admin API shows it: which scopes need approval, and by whom. */
export type AdminPolicy = Policy & { approvalScopes?: ApprovalScope[] };

/** The policy as the self-service API shows it: the names of the scopes that need approval. */
export type AccountPolicy = Policy & { approvalScopes?: string[] };

/**
 * The Keycloak line the server runs on, as the server decides it (LineStatus): its version, whether the extension's
 * tests run on its line, those lines, and whether PATs are on (on an untested line only by the admin's option).
 */
export type KeycloakLineStatus = { version: string; tested: boolean; testedLines: string[]; patsOn: boolean };

/** Every error answer of both APIs: `{"error", "error_description"}`, and `max_age` with a step-up challenge. */
export type ErrorBody = { error?: string; error_description?: string; max_age?: number; errorMessage?: string };

/**
 * Scopes that need an approver (issue #30), as both consoles show them: the state of a token's scope, the reason's
 * length rule, the Requests view's filter as the admin API's query, the policy's approval rows. The server decides in
 * the end (docs/api.md); these are its rules applied before asking it.
 */

/** The server's limit for a requester's or an approver's reason: plain text, at most this many characters. */
export const MAX_REASON_LENGTH = 500;

export type ApprovalState = "pending" | "approved" | "denied";

/** One asked scope that needs approval (or needed it when asked), as a token's `scopeApprovals` lists it. */
export type ScopeApproval = {
  scope: string;
  state: ApprovalState;
  /** denied because nobody decided within the policy's limit */
  lapsed: boolean;
  /** the requester's reason */
  reason: string | null;
  /** the approver's reason */
  decisionReason: string | null;
  requestedAt: number;
  decidedAt: number | null;
};

/** A request as the admin API's GET …/requests lists it. */
export type ApprovalRequest = {
  id: string;
  tokenId: string;
  /** null when the token is gone */
  tokenName: string | null;
  userId: string;
  username: string | null;
  scope: string;
  reason: string | null;
  state: ApprovalState;
  lapsed: boolean;
  requestedAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  decidedByUsername: string | null;
  decisionReason: string | null;
};

/** The answer to POST …/requests/decide. */
export type DecideAnswer = { decided: string[]; refused: { id: string; error: string }[] };

/** A policy row of the admin API: a scope that needs approval and, optionally, the group whose members approve it. */
export type ApprovalScope = { scope: string; approverGroup: string | null };

/**
 * What a scope's state is called where it is shown: pending, approved, denied, or lapsed (denied because nobody
 * decided in time). Each is a message key suffix of both consoles.
 */
export type ApprovalLabel = "pending" | "approved" | "denied" | "lapsed";

export function approvalLabel(approval: Pick<ScopeApproval, "state" | "lapsed">): ApprovalLabel {
  if (approval.state === "denied" && approval.lapsed) return "lapsed";
  return approval.state;
}

/** The entry of `scopeApprovals` for a scope, if it needs (or needed) approval. */
export function approvalOf(approvals: ScopeApproval[] | undefined, scope: string): ScopeApproval | undefined {
  return approvals?.find((approval) => approval.scope === scope);
}

/**
 * A token's scopes as its row shows them, each with its approval when it needs (or needed) one: the scopes it holds or
 * waits for, in their order, then those denied (the server drops a denied scope from the token's scopes at denial, but
 * keeps its entry in `scopeApprovals`, with the approver's reason).
 */
export function scopesWithApprovals(
  scopes: string[],
  approvals: ScopeApproval[] | undefined,
): { scope: string; approval?: ScopeApproval }[] {
  const shown = scopes.map((scope) => ({ scope, approval: approvalOf(approvals, scope) }));
  const dropped = (approvals ?? []).filter((approval) => !scopes.includes(approval.scope));
  return [...shown, ...dropped.map((approval) => ({ scope: approval.scope, approval }))];
}

/** The asked scopes that wait for an approver: not in the token's claims yet. */
export function pendingScopes(approvals: ScopeApproval[] | undefined): string[] {
  return (approvals ?? []).filter((approval) => approval.state === "pending").map((approval) => approval.scope);
}

/**
 * What is wrong with a reason, or undefined when the server takes it: at most 500 characters, counted as the server
 * counts them (UTF-16 code units, as JavaScript's length: an emoji counts as two). An empty reason is sent as none.
 */
export function reasonProblem(reason: string): "tooLong" | undefined {
  return reason.length > MAX_REASON_LENGTH ? "tooLong" : undefined;
}

/** The reason as sent: trimmed, and left out when empty. */
export function reasonToSend(reason: string): string | undefined {
  const trimmed = reason.trim();
  return trimmed ? trimmed : undefined;
}

/** The Requests view's filter as typed: scope name, user (username or id), age in whole days, state. */
export type RequestFilterInput = { scope: string; user: string; olderThanDays: string; state: RequestStateFilter };

export type RequestStateFilter = "pending" | "approved" | "denied" | "all";

export const REQUEST_STATES: RequestStateFilter[] = ["pending", "approved", "denied", "all"];

/** The longest age the filter takes, in days (the server's lapse limit is at most 90; decided ones may be older). */
export const MAX_FILTER_DAYS = 36_500;

/**
 * The query of GET …/requests for a filter, or the field in error: `olderThanDays` must be a whole number of days from
 * 0 to 36500; empty fields are left out; the state is always sent (the server's default is pending).
 */
export function requestQuery(
  input: RequestFilterInput,
  first: number,
  max: number,
): { query: Record<string, string | number> } | { error: "olderThanDays" } {
  const query: Record<string, string | number> = { state: input.state };
  const scope = input.scope.trim();
  const user = input.user.trim();
  const days = input.olderThanDays.trim();
  if (scope) query.scope = scope;
  if (user) query.user = user;
  if (days) {
    if (!/^\d{1,5}$/.test(days) || Number(days) > MAX_FILTER_DAYS) return { error: "olderThanDays" };
    query.olderThanDays = Number(days);
  }
  query.first = first;
  query.max = max;
  return { query };
}

/** `?a=1&b=x` of the query's fields, in their order; empty for none. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * The refused requests of a decision on many, each with the server's error and the request it was (when the list
 * still holds it), in the order they were refused.
 */
export function refusedRequests(
  answer: DecideAnswer,
  requests: ApprovalRequest[],
): { id: string; error: string; request?: ApprovalRequest }[] {
  const byId = new Map(requests.map((request) => [request.id, request]));
  return answer.refused.map(({ id, error }) => ({ id, error, request: byId.get(id) }));
}

/** Whole days between a request and now (rounded down), for the list's "waiting for" column. */
export function ageInDays(requestedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - requestedAt) / 86_400));
}

/** A policy row as the Policy tab edits it: text fields. */
export type ApprovalRow = { scope: string; approverGroup: string };

/** The policy's limit for an undecided request, in days (PatPolicy: 1 to 90, default 7). */
export const LAPSE_DAYS = { min: 1, max: 90, default: 7 } as const;

export type ApprovalRowProblem = "scopeMissing" | "scopeTwice" | "groupNotPath";

/**
 * The problems of the Policy tab's approval rows, by row index, with the server's rules: a scope name on each row,
 * no scope twice, a group given as a path (starting with "/"). Whether the scope and the group exist the server says.
 */
export function approvalRowProblems(rows: ApprovalRow[]): Map<number, ApprovalRowProblem> {
  const problems = new Map<number, ApprovalRowProblem>();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const scope = row.scope.trim();
    const group = row.approverGroup.trim();
    if (!scope) problems.set(index, "scopeMissing");
    else if (seen.has(scope)) problems.set(index, "scopeTwice");
    else if (group && !group.startsWith("/")) problems.set(index, "groupNotPath");
    seen.add(scope);
  });
  return problems;
}

/** The rows as the admin API's `approvalScopes`: trimmed, an empty group as null (the manage-users approvers). */
export function approvalScopesOf(rows: ApprovalRow[]): ApprovalScope[] {
  return rows.map((row) => ({ scope: row.scope.trim(), approverGroup: row.approverGroup.trim() || null }));
}

/** The policy's `approvalScopes` as the form's rows. */
export function approvalRowsOf(scopes: ApprovalScope[] | undefined): ApprovalRow[] {
  return (scopes ?? []).map((entry) => ({ scope: entry.scope, approverGroup: entry.approverGroup ?? "" }));
}

/** Whether a lapse limit typed in the form is a whole number from 1 to 90. */
export function lapseDaysValid(text: string): boolean {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) && Number(trimmed) >= LAPSE_DAYS.min && Number(trimmed) <= LAPSE_DAYS.max;
}

import type { ErrorBody } from "./types";

/** An answer other than success, in the server's own words (its `error` and `error_description`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    /** how recent a sign-in the server asks for (RFC 9470 step-up), when it says */
    readonly maxAge?: number,
  ) {
    super(description);
    this.name = "ApiError";
  }
}

/**
 * The ApiError of a failed answer: the JSON error body's fields (Keycloak's own admin errors say `errorMessage`);
 * without a JSON body, the status. `max_age` comes from the body, else from the `WWW-Authenticate` challenge.
 */
export function apiErrorOf(status: number, bodyText: string, challenge: string | null): ApiError {
  let body: ErrorBody = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed === "object" && parsed !== null) body = parsed as ErrorBody;
  } catch {
    // not JSON: the status is all there is
  }
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const maxAge = typeof body.max_age === "number" ? body.max_age : challengeMaxAge(challenge);
  return new ApiError(
    status,
    text(body.error) ?? "unexpected_error",
    text(body.error_description) ?? text(body.errorMessage) ?? `HTTP ${status}`,
    maxAge,
  );
}

/** max_age from a `WWW-Authenticate: Bearer ..., max_age=300` challenge, if there is one. */
export function challengeMaxAge(header: string | null): number | undefined {
  const match = header ? /\bmax_age="?(\d+)"?/i.exec(header) : null;
  return match ? Number(match[1]) : undefined;
}

/** What to show of any error: the server's description for an ApiError. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.description;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * fetch with a bearer token, JSON both ways: the answer's JSON (undefined for an empty answer such as 204), or an
 * ApiError with the server's message.
 */
export async function requestJson<T>(url: string, bearer: string | undefined, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: {
      ...init.headers,
      accept: "application/json",
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
  });
  const text = await response.text();
  if (!response.ok) {
    throw apiErrorOf(response.status, text, response.headers.get("www-authenticate"));
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

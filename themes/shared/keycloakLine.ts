import { ApiError } from "./http";
import type { KeycloakLineStatus } from "./types";

/** The error of every answer of both APIs while PATs are off on this Keycloak line (not the realm's `not_enabled`). */
export const LINE_OFF_ERROR = "untested_keycloak_line";

/** Whether the server refused because PATs are off on its Keycloak line; its `description` says why. */
export const isOffOnThisLine = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.error === LINE_OFF_ERROR;

/**
 * What the warning on every PAT page says, when PATs are on on a line the extension is not tested on (by the admin's
 * option); undefined on a tested line, while PATs are off (the pages show the server's refusal instead), or unknown.
 */
export function untestedLineWarning(
  line: KeycloakLineStatus | undefined,
): { version: string; testedLines: string } | undefined {
  if (!line || line.tested || !line.patsOn) return undefined;
  return { version: line.version, testedLines: line.testedLines.join(", ") };
}

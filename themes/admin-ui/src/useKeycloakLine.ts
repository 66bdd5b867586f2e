import { useEffect, useState } from "react";
import type { KeycloakLineStatus, PatApi } from "./api";

/**
 * The server's Keycloak line status (GET …/keycloak-line), once per realm; undefined until it answers, or when it
 * cannot (the tabs then still learn that PATs are off from their own answers). Not asked without `enabled` (a user who
 * may only approve requests may not ask it).
 */
export function useKeycloakLine(api: PatApi, enabled = true): KeycloakLineStatus | undefined {
  const [line, setLine] = useState<KeycloakLineStatus>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    api.keycloakLine().then(
      (status) => live && setLine(status),
      () => live && setLine(undefined),
    );
    return () => {
      live = false;
    };
  }, [api, enabled]);
  return line;
}

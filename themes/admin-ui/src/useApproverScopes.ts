import { useEffect, useState } from "react";
import type { PatApi } from "./api";

/**
 * The scopes the signed-in user may approve in this realm (GET …/requests/scopes), once per realm: undefined until the
 * server answers, empty when the user may approve none or the server cannot say (an older release of this extension,
 * a refusal). The page shows its Requests tab, and a user without view-users reaches the page at all, only with some.
 */
export function useApproverScopes(api: PatApi): string[] | undefined {
  const [scopes, setScopes] = useState<string[]>();
  useEffect(() => {
    let live = true;
    setScopes(undefined);
    api.requestScopes().then(
      (names) => live && setScopes(Array.isArray(names) ? names : []),
      () => live && setScopes([]),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return scopes;
}

/**
 * Who made a token's last recorded use, as both consoles say it. The API's `lastUsedVia` tells how (introspection by a
 * resource server, exchange by a client, or the token's holder at /self) and `lastUsedBy` which client; at
 * introspection and exchange the address (admin API only) is that client's, not the token user's. A use recorded by an
 * older release of the extension has neither: its client is unknown.
 */
export type LastUseKind = "introspection" | "exchange" | "self" | "unknown";

export type LastUse = {
  kind: LastUseKind;
  /** the client's id, for introspection and exchange (absent if the server did not name one) */
  client?: string;
  /** the caller's address, where the API gives it (admin API) */
  address?: string;
};

type Used = {
  lastUsedAt: number | null;
  lastUsedBy?: string | null;
  lastUsedVia?: string | null;
  lastUsedIp?: string | null;
};

/** The token's last use, or undefined for a token never used. */
export const lastUseOf = (token: Used): LastUse | undefined => {
  if (token.lastUsedAt === null) {
    return undefined;
  }
  const address = token.lastUsedIp || undefined;
  const client = token.lastUsedBy || undefined;
  switch (token.lastUsedVia) {
    case "introspection":
    case "exchange":
      return client ? { kind: token.lastUsedVia, client, address } : { kind: "unknown", address };
    case "self":
      return { kind: "self", address };
    default:
      return { kind: "unknown", address };
  }
};

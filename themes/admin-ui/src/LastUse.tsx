import { lastUseOf } from "../../shared/lastUse";
import type { AdminToken } from "./api";
import type { PatT } from "./texts";

type Props = { token: AdminToken; t: PatT; date: (seconds: number) => string };

/**
 * A token's last use in one cell: when, then by whom and from where. At introspection the address is the resource
 * server's, at exchange the exchanging client's; only at /self is it the token holder's own.
 */
export const LastUse = ({ token, t, date }: Props) => {
  const use = lastUseOf(token);
  if (token.lastUsedAt === null || !use) {
    return <>{t("pat.neverUsed")}</>;
  }
  const address = use.address ?? t("pat.unknownAddress");
  const by = {
    introspection: () => t("pat.lastUseIntrospection", { client: use.client, address }),
    exchange: () => t("pat.lastUseExchange", { client: use.client, address }),
    self: () => t("pat.lastUseSelf", { address }),
    unknown: () => t("pat.lastUseUnknown", { address }),
  }[use.kind]();
  return (
    <>
      <div data-testid="pat-row-last-used-at">{date(token.lastUsedAt)}</div>
      <small className="pf-v5-u-color-200 pat-wrap-anywhere" data-testid="pat-row-last-used-by" data-via={use.kind}>
        {by}
      </small>
    </>
  );
};

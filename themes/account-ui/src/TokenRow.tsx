import { Dropdown, DropdownItem, DropdownList, Label, LabelGroup, MenuToggle } from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons";
import { Td, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DAY, formatSeconds } from "../../shared/dates";
import { EXPIRES_SOON_DAYS } from "../../shared/expiry";
import { lastUseOf } from "../../shared/lastUse";
import type { Token } from "./api";
import { environment } from "./environment";
import { ScopeApprovalList, type ScopeTexts } from "./ScopeLabel";

type Props = {
  token: Token;
  texts: ScopeTexts;
  /** Unix seconds, the same for every row */
  now: number;
  onRegenerate: () => void;
  onDelete: () => void;
};

const date = (seconds: number) => formatSeconds(seconds, environment.locale);

/** One token of the table: its name and hint, scopes, dates with their status labels, and its actions. */
export const TokenRow = ({ token, texts, now, onRegenerate, onDelete }: Props) => {
  const { t } = useTranslation();
  const expired = token.expiresAt !== null && token.expiresAt <= now;
  const soon = !expired && token.expiresAt !== null && token.expiresAt - now <= EXPIRES_SOON_DAYS * DAY;
  return (
    <Tr data-testid="pat-row" data-token-id={token.id}>
      <Td dataLabel={t("patColumnName")} modifier="breakWord">
        <div data-testid="pat-row-name" style={{ overflowWrap: "anywhere" }}>
          {token.name}
        </div>
        <small className="pf-v5-u-color-200">{token.hint}</small>
        {token.selfRotate && (
          <div>
            <Label isCompact color="blue" data-testid="pat-row-self-rotate">
              {t("patSelfRotateShort")}
            </Label>
          </div>
        )}
      </Td>
      <Td dataLabel={t("patColumnScopes")}>
        {token.scopes.length === 0 && !token.scopeApprovals?.length ? (
          <span className="pf-v5-u-color-200">{t("patNoScopesChosen")}</span>
        ) : (
          <ScopeApprovalList names={token.scopes} approvals={token.scopeApprovals} texts={texts} />
        )}
      </Td>
      <Td dataLabel={t("patColumnCreated")} data-testid="pat-row-created">
        {date(token.createdAt)}
      </Td>
      <Td dataLabel={t("patColumnExpires")} data-testid="pat-row-expires">
        <div>{token.expiresAt === null ? t("patNever") : date(token.expiresAt)}</div>
        {(expired || soon || token.expiryCutByPolicy) && (
          <LabelGroup>
            {expired && (
              <Label isCompact color="red" data-testid="pat-row-expired">
                {t("patExpired")}
              </Label>
            )}
            {soon && (
              <Label isCompact color="orange" data-testid="pat-row-expires-soon">
                {t("patExpiresSoon")}
              </Label>
            )}
            {token.expiryCutByPolicy && (
              <Label isCompact color="grey" data-testid="pat-row-cut-by-policy">
                {t("patExpiryCutByPolicy")}
              </Label>
            )}
          </LabelGroup>
        )}
        {token.previousSecretExpiresAt != null && token.previousSecretExpiresAt > now && (
          <div>
            <small className="pf-v5-u-color-200" data-testid="pat-row-previous-secret">
              {t("patPreviousSecretUntil", { date: date(token.previousSecretExpiresAt) })}
            </small>
          </div>
        )}
      </Td>
      <Td dataLabel={t("patColumnLastUsed")} data-testid="pat-row-last-used">
        <LastUse token={token} />
      </Td>
      <Td isActionCell>
        <RowActions token={token} onRegenerate={onRegenerate} onDelete={onDelete} />
      </Td>
    </Tr>
  );
};

/**
 * When the token was last used and by whom: the resource server that introspected it, the client that exchanged it,
 * or its holder at /self. The address is the admin's to see: at introspection it is the resource server's.
 */
const LastUse = ({ token }: { token: Token }) => {
  const { t } = useTranslation();
  const use = lastUseOf(token);
  if (token.lastUsedAt === null || !use) {
    return <>{t("patNever")}</>;
  }
  const by = {
    introspection: () => t("patLastUseIntrospection", { client: use.client }),
    exchange: () => t("patLastUseExchange", { client: use.client }),
    self: () => t("patLastUseSelf"),
    unknown: () => t("patLastUseUnknown"),
  }[use.kind]();
  return (
    <>
      <div data-testid="pat-row-last-used-at">{date(token.lastUsedAt)}</div>
      <small className="pf-v5-u-color-200" data-testid="pat-row-last-used-by" data-via={use.kind}>
        {by}
      </small>
    </>
  );
};

/** A row's actions in a kebab menu, named after the token ("Actions for CI pipeline", "Delete CI pipeline"). */
const RowActions = ({ token, onRegenerate, onDelete }: Pick<Props, "token" | "onRegenerate" | "onDelete">) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: "right" }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plain"
          isExpanded={open}
          onClick={() => setOpen(!open)}
          aria-label={t("patActionsFor", { name: token.name })}
          data-testid="pat-actions"
        >
          <EllipsisVIcon />
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem onClick={onRegenerate} data-testid="pat-regenerate">
          {t("patRegenerate")}
          <span className="pf-v5-screen-reader"> {token.name}</span>
        </DropdownItem>
        <DropdownItem onClick={onDelete} isDanger data-testid="pat-delete">
          {t("patDelete")}
          <span className="pf-v5-screen-reader"> {token.name}</span>
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};

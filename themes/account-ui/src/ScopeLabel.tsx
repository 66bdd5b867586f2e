import { Label, List, ListItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import { approvalLabel, type ScopeApproval, scopesWithApprovals } from "../../shared/approvals";
import { formatSeconds } from "../../shared/dates";
import type { Scope } from "./api";
import { environment } from "./environment";

/** The scope's words for users, by name: its consent screen text, when the admin gave it one. */
export type ScopeTexts = ReadonlyMap<string, string | undefined>;

export const scopeTexts = (scopes: Scope[]): ScopeTexts =>
  new Map(scopes.map((scope) => [scope.name, scope.displayName?.trim() || undefined]));

/**
 * One scope as every part of the tab names it: the consent screen text users know from Keycloak's consent page, with
 * the scope's own name beside it, small and in monospace, as programs and admins write it. A scope without consent text
 * is shown by its name alone.
 */
export const ScopeLabel = ({ name, text }: { name: string; text?: string }) => (
  <span data-testid="pat-scope-label">
    {text && <span data-testid="pat-scope-text">{text} </span>}
    <code className="pf-v5-u-font-size-sm pf-v5-u-font-family-monospace" data-testid="pat-scope-name">
      {name}
    </code>
  </span>
);

const APPROVAL_COLORS = { pending: "orange", approved: "green", denied: "red", lapsed: "red" } as const;

/**
 * What an approver decided on a scope that needs approval: pending (not in the token's claims yet), approved, denied
 * with the approver's reason, or lapsed (denied because nobody decided in time).
 */
export const ScopeApprovalState = ({ approval }: { approval: ScopeApproval }) => {
  const { t } = useTranslation();
  const label = approvalLabel(approval);
  return (
    <span data-testid="pat-scope-approval" data-scope={approval.scope} data-state={label}>
      <Label isCompact color={APPROVAL_COLORS[label]} className="pf-v5-u-ml-sm" data-testid="pat-scope-approval-label">
        {t(`patApproval_${label}`)}
      </Label>
      <small className="pf-v5-u-display-block pf-v5-u-color-200" data-testid="pat-scope-approval-help">
        {label === "pending"
          ? t("patApprovalPendingHelp")
          : label === "approved"
            ? t("patApprovalApprovedHelp", { date: approval.decidedAt ? formatSeconds(approval.decidedAt, environment.locale) : "" })
            : label === "lapsed"
              ? t("patApprovalLapsedHelp")
              : approval.decisionReason
                ? t("patApprovalDeniedReason", { reason: approval.decisionReason })
                : t("patApprovalDeniedHelp")}
      </small>
    </span>
  );
};

/**
 * A token's scopes, one a line, each that needs approval with its state; a denied scope, which the token no longer
 * has, is listed too, with the approver's reason.
 */
export const ScopeApprovalList = ({
  names,
  approvals,
  texts,
}: {
  names: string[];
  approvals?: ScopeApproval[];
  texts: ScopeTexts;
}) => (
  <List isPlain>
    {scopesWithApprovals(names, approvals).map(({ scope, approval }) => (
      <ListItem key={scope}>
        <ScopeLabel name={scope} text={texts.get(scope)} />
        {approval && <ScopeApprovalState approval={approval} />}
      </ListItem>
    ))}
  </List>
);

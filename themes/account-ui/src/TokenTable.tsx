import { type AccountEnvironment, useAccountAlerts, useEnvironment } from "@keycloak/keycloak-account-ui";
import { Button, Label, LabelGroup } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type CreatedToken, type Token, usePersonalAccessTokensApi } from "./api";
import { ConfirmTokenAction } from "./ConfirmTokenAction";

/** The user's tokens, with a confirmed delete that takes effect at once. */
type Props = {
  tokens: Token[];
  onDeleted: (id: string) => void;
  onRegenerated: (token: CreatedToken) => void;
};

export const TokenTable = ({ tokens, onDeleted, onRegenerated }: Props) => {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { addAlert, addError } = useAccountAlerts();
  const api = usePersonalAccessTokensApi();
  const [toDelete, setToDelete] = useState<Token>();
  const [toRegenerate, setToRegenerate] = useState<Token>();
  const [busy, setBusy] = useState(false);
  const [regenerateError, setRegenerateError] = useState<{ title: string; description?: string }>();

  const formatter = new Intl.DateTimeFormat(environment.locale || undefined, { dateStyle: "medium", timeStyle: "short" });
  const date = (seconds: number) => formatter.format(new Date(seconds * 1000));
  const now = Date.now() / 1000;

  const confirmDelete = async () => {
    if (!toDelete) return;
    setBusy(true);
    try {
      await api.remove(toDelete.id);
      onDeleted(toDelete.id);
      addAlert(t("patDeleted"));
    } catch (e) {
      addError(t("patDeleteFailed"), e);
    } finally {
      setBusy(false);
      setToDelete(undefined);
    }
  };

  const confirmRegenerate = async () => {
    if (!toRegenerate) return;
    setBusy(true);
    setRegenerateError(undefined);
    try {
      onRegenerated(await api.regenerate(toRegenerate.id, toRegenerate.name));
      setToRegenerate(undefined);
    } catch (e) {
      // shown in the dialog, which stays open, with the server's reason (such as a client not allowed to mint)
      setRegenerateError({
        title: t("patRegenerateFailed"),
        description: e instanceof ApiError ? e.description : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  const closeRegenerate = () => {
    setToRegenerate(undefined);
    setRegenerateError(undefined);
  };

  return (
    <>
      <Table aria-label={t("personalAccessTokens")} variant="compact" data-testid="pat-table">
        <Thead>
          <Tr>
            <Th>{t("patColumnName")}</Th>
            <Th>{t("patColumnScopes")}</Th>
            <Th>{t("patColumnCreated")}</Th>
            <Th>{t("patColumnExpires")}</Th>
            <Th>{t("patColumnLastUsed")}</Th>
            <Th screenReaderText={t("patColumnActions")} />
          </Tr>
        </Thead>
        <Tbody>
          {tokens.map((token) => (
            <Tr key={token.id} data-testid="pat-row" data-token-id={token.id}>
              <Td dataLabel={t("patColumnName")}>
                <div data-testid="pat-row-name">{token.name}</div>
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
                {token.scopes.length === 0 ? (
                  <span className="pf-v5-u-color-200">{t("patNoScopesChosen")}</span>
                ) : (
                  <LabelGroup>
                    {token.scopes.map((scope) => (
                      <Label key={scope} isCompact>
                        {scope}
                      </Label>
                    ))}
                  </LabelGroup>
                )}
              </Td>
              <Td dataLabel={t("patColumnCreated")}>{date(token.createdAt)}</Td>
              <Td dataLabel={t("patColumnExpires")}>
                {token.expiresAt === null
                  ? t("patNever")
                  : token.expiresAt <= now
                    ? `${t("patExpired")} (${date(token.expiresAt)})`
                    : date(token.expiresAt)}
              </Td>
              <Td dataLabel={t("patColumnLastUsed")}>
                {token.lastUsedAt === null ? t("patNeverUsed") : date(token.lastUsedAt)}
              </Td>
              <Td isActionCell>
                <Button variant="secondary" onClick={() => setToRegenerate(token)} data-testid="pat-regenerate">
                  {t("patRegenerate")}
                </Button>{" "}
                <Button variant="secondary" isDanger onClick={() => setToDelete(token)} data-testid="pat-delete">
                  {t("patDelete")}
                </Button>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {toRegenerate && (
        <ConfirmTokenAction
          action="regenerate"
          title={t("patRegenerateTitle")}
          question={t("patRegenerateQuestion")}
          consequence={t("patRegenerateConsequence")}
          confirmLabel={t("patRegenerate")}
          tokenName={toRegenerate.name}
          busy={busy}
          error={regenerateError}
          onConfirm={confirmRegenerate}
          onCancel={closeRegenerate}
        />
      )}
      {toDelete && (
        <ConfirmTokenAction
          action="delete"
          title={t("patDeleteTitle")}
          question={t("patDeleteQuestion")}
          consequence={t("patDeleteConsequence")}
          confirmLabel={t("patDelete")}
          tokenName={toDelete.name}
          busy={busy}
          onConfirm={confirmDelete}
          onCancel={() => setToDelete(undefined)}
        />
      )}
    </>
  );
};

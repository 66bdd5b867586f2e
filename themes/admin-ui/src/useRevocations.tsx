import { useConfirmDialog, useRealm } from "@keycloak/keycloak-admin-ui";
import { AlertVariant, ButtonVariant, Form, FormGroup, Text, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { useToast } from "./alerts";
import { type AdminToken, errorText, type PatApi } from "./api";
import { usePatTranslation } from "./texts";

type Done = { token: () => void; all: () => void };

/**
 * The three revocations of the Tokens tab, each behind the console's own confirmation dialog (useConfirmDialog): one
 * token, every token of the filtered user, every token of the realm (after typing the realm's name). The dialog
 * translates what it is given as keys; these texts are already translated, and a text that is no key comes out as is.
 * `done.token` runs after a token was revoked, `done.all` after many were.
 */
export function useRevocations(api: PatApi, user: { id?: string; name?: string }, done: Done) {
  const { t } = usePatTranslation();
  const { realm } = useRealm();
  const toast = useToast();
  const [token, setToken] = useState<AdminToken>();
  const [typed, setTyped] = useState("");

  const attempt = async (action: () => Promise<string>, after: () => void) => {
    try {
      toast(await action());
      after();
    } catch (error) {
      toast(t("pat.actionFailed", { error: errorText(error) }), AlertVariant.danger);
    }
  };

  const buttons = {
    continueButtonLabel: t("pat.confirm"),
    continueButtonVariant: ButtonVariant.danger,
    cancelButtonLabel: t("pat.cancel"),
  };

  const [toggleToken, TokenDialog] = useConfirmDialog({
    titleKey: t("pat.revokeTitle"),
    ...buttons,
    children: token && (
      <Text data-testid="pat-confirm-dialog">
        {t("pat.revokeBody", { name: token.name, owner: token.owner.username ?? t("pat.unknownOwner") })}
      </Text>
    ),
    onConfirm: () =>
      token &&
      void attempt(async () => {
        await api.revoke(token.id);
        return t("pat.revokeDone", { name: token.name });
      }, done.token),
  });

  const [toggleUser, UserDialog] = useConfirmDialog({
    titleKey: t("pat.revokeUserTitle", { username: user.name }),
    ...buttons,
    children: <Text data-testid="pat-confirm-dialog">{t("pat.revokeUserBody", { username: user.name })}</Text>,
    onConfirm: () =>
      user.id &&
      void attempt(async () => {
        const { revoked } = await api.revokeUser(user.id!);
        return t("pat.revokeUserDone", { count: revoked, username: user.name });
      }, done.all),
  });

  const [toggleAll, AllDialog] = useConfirmDialog({
    titleKey: t("pat.revokeAllTitle"),
    ...buttons,
    confirmButtonDisabled: typed !== realm,
    children: (
      <div data-testid="pat-confirm-dialog">
        <Text>{t("pat.revokeAllBody", { realm })}</Text>
        <Form className="pf-v5-u-mt-md" onSubmit={(event) => event.preventDefault()}>
          <FormGroup label={t("pat.revokeAllTypeName", { realm })} fieldId="pat-type-to-confirm">
            <TextInput
              id="pat-type-to-confirm"
              data-testid="pat-revoke-all-realm-name"
              value={typed}
              onChange={(_event, value) => setTyped(value)}
              autoComplete="off"
            />
          </FormGroup>
        </Form>
      </div>
    ),
    onConfirm: () =>
      void attempt(async () => {
        const { revoked } = await api.revokeAll();
        return t("pat.revokeAllDone", { count: revoked });
      }, done.all),
  });

  return {
    revoke: (chosen: AdminToken) => {
      setToken(chosen);
      toggleToken();
    },
    revokeUser: () => user.id && toggleUser(),
    revokeAll: () => {
      setTyped("");
      toggleAll();
    },
    dialogs: (
      <>
        {/* called, not mounted as <TokenDialog />: the hook gives a new function each render, which React would
            remount each time, losing the focus of the realm name being typed */}
        {TokenDialog()}
        {UserDialog()}
        {AllDialog()}
      </>
    ),
  };
}

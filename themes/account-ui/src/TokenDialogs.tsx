import { useAccountAlerts } from "@keycloak/keycloak-account-ui";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type CreatedToken, type Token, usePersonalAccessTokensApi } from "./api";
import { ConfirmTokenAction } from "./ConfirmTokenAction";
import { RegenerateTokenDialog } from "./RegenerateTokenDialog";

type Props = {
  toDelete?: Token;
  toRegenerate?: Token;
  /** the realm's limit for a regenerate's overlap, as its policy says */
  maxRotationOverlapSeconds?: number;
  onClose: () => void;
  onDeleted: (token: Token) => void;
  onRegenerated: (token: CreatedToken) => void;
};

/** The confirmations of a row's actions, and the requests they make: a delete that acts at once, a regenerate. */
export const TokenDialogs = ({ toDelete, toRegenerate, maxRotationOverlapSeconds, onClose, onDeleted, onRegenerated }: Props) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAccountAlerts();
  const api = usePersonalAccessTokensApi();
  const [busy, setBusy] = useState(false);
  const [regenerateError, setRegenerateError] = useState<{ title: string; description?: string }>();

  const confirmDelete = async () => {
    if (!toDelete) return;
    setBusy(true);
    try {
      await api.remove(toDelete.id);
      onDeleted(toDelete);
      addAlert(t("patDeleted"));
    } catch (e) {
      addError(t("patDeleteFailed"), e);
    } finally {
      setBusy(false);
      onClose();
    }
  };

  const confirmRegenerate = async (overlapSeconds: number) => {
    if (!toRegenerate) return;
    setBusy(true);
    setRegenerateError(undefined);
    try {
      onRegenerated(await api.regenerate(toRegenerate.id, toRegenerate.name, overlapSeconds));
      onClose();
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
    setRegenerateError(undefined);
    onClose();
  };

  return (
    <>
      {toRegenerate && (
        <RegenerateTokenDialog
          token={toRegenerate}
          maxRotationOverlapSeconds={maxRotationOverlapSeconds}
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
          onCancel={onClose}
        />
      )}
    </>
  );
};

import {
  Alert,
  Button,
  FormGroup,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  Spinner,
  Text,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { allowedOverlaps, olderSecretEnding, overlapKey, previousSecretEnd } from "../../shared/rotation";
import { type AdminToken, type CreatedToken, errorText, usePatApi } from "./api";
import { OneTimeSecretModal } from "./OneTimeSecret";
import { usePatTranslation } from "./texts";
import { formatSeconds, nowSeconds } from "../../shared/dates";

/**
 * "Regenerate" of a bot token: how long the old secret keeps working (only what the realm's policy allows), the
 * consequence in words, then the new secret, once. Closing reports whether a new secret was issued.
 */
export const BotRegenerateDialog = ({ token, onClose }: { token: AdminToken; onClose: (regenerated: boolean) => void }) => {
  const { t, language } = usePatTranslation();
  const api = usePatApi();
  const [maxOverlap, setMaxOverlap] = useState<number | undefined | null>(null);
  const [overlap, setOverlap] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [regenerated, setRegenerated] = useState<CreatedToken>();

  useEffect(() => {
    let live = true;
    api
      .policy()
      .then((policy) => live && setMaxOverlap(policy.maxRotationOverlapSeconds))
      // without the right to read the policy, the server's default limit is offered and the server decides
      .catch(() => live && setMaxOverlap(undefined));
    return () => {
      live = false;
    };
  }, [api]);

  const close = () => onClose(!!regenerated);

  if (regenerated) {
    return (
      <OneTimeSecretModal
        title={t("pat.regeneratedTitle", { name: regenerated.name })}
        testId="pat-regenerate-dialog"
        secret={regenerated.token}
        onClose={close}
      >
        {regenerated.previousSecretExpiresAt != null && (
          <Text className="pf-v5-u-mt-md" data-testid="pat-regenerated-previous-secret">
            {t("pat.regeneratedPrevious", { date: formatSeconds(regenerated.previousSecretExpiresAt, language) })}
          </Text>
        )}
      </OneTimeSecretModal>
    );
  }

  const choices = maxOverlap === null ? [] : allowedOverlaps(maxOverlap);
  const end = previousSecretEnd(overlap, token.expiresAt, nowSeconds());
  const olderEnds = olderSecretEnding(token.previousSecretExpiresAt, nowSeconds());

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setRegenerated(await api.regenerateBot(token.id, overlap));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      titleIconVariant="warning"
      title={t("pat.regenerateTitle")}
      isOpen
      onClose={close}
      data-testid="pat-regenerate-dialog"
      actions={[
        <Button
          key="confirm"
          variant="primary"
          data-testid="pat-regenerate-confirm"
          isDisabled={busy || maxOverlap === null}
          isLoading={busy}
          onClick={confirm}
        >
          {t("pat.regenerate")}
        </Button>,
        <Button key="cancel" variant="link" data-testid="pat-cancel" onClick={close}>
          {t("pat.cancel")}
        </Button>,
      ]}
    >
      {error && <Alert isInline variant="danger" title={error} data-testid="pat-regenerate-error" className="pf-v5-u-mb-md" />}
      <Text className="pf-v5-u-mb-md">
        {t("pat.regenerateBody", { name: token.name, clientId: token.owner.serviceAccountOf })}
      </Text>
      {maxOverlap === null ? (
        <Spinner size="md" aria-label={t("pat.loading")} />
      ) : choices.length > 1 ? (
        <FormGroup label={t("pat.overlap")} fieldId="pat-overlap" className="pf-v5-u-mb-md">
          <FormSelect
            id="pat-overlap"
            data-testid="pat-overlap"
            value={String(overlap)}
            onChange={(_event, value) => setOverlap(Number(value))}
          >
            {choices.map((seconds) => (
              <FormSelectOption key={seconds} value={String(seconds)} label={t(`pat.overlap${overlapKey(seconds)}`)} />
            ))}
          </FormSelect>
        </FormGroup>
      ) : (
        <HelperText className="pf-v5-u-mb-md">
          <HelperTextItem data-testid="pat-overlap-not-allowed">{t("pat.overlapNotAllowed")}</HelperTextItem>
        </HelperText>
      )}
      <Text data-testid="pat-regenerate-consequence">
        {end === undefined
          ? t("pat.regenerateAtOnce")
          : t("pat.regenerateOverlap", { date: formatSeconds(end, language) })}
      </Text>
      {olderEnds !== undefined && (
        <Text className="pf-v5-u-mt-md" data-testid="pat-older-secret-ends">
          {t("pat.olderSecretEnds", { date: formatSeconds(olderEnds, language) })}
        </Text>
      )}
    </Modal>
  );
};

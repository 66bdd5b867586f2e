import { FormGroup, FormSelect, FormSelectOption, HelperText, HelperTextItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { allowedOverlaps, olderSecretEnding, overlapKey, previousSecretEnd } from "../../shared/rotation";
import type { Token } from "./api";
import { ConfirmTokenAction } from "./ConfirmTokenAction";
import { formatSeconds } from "../../shared/dates";
import { environment } from "./environment";

type Props = {
  token: Token;
  /** the realm's limit for the overlap; undefined when the server does not say (its default then applies) */
  maxRotationOverlapSeconds?: number;
  busy: boolean;
  error?: { title: string; description?: string };
  onConfirm: (overlapSeconds: number) => void;
  onCancel: () => void;
};

/**
 * Asks before giving a token a new secret, and how long the old one keeps working: only the overlaps the realm allows,
 * and the consequence of the choice in words, with the time the old secret stops as the server computes it.
 */
export const RegenerateTokenDialog = ({ token, maxRotationOverlapSeconds, busy, error, onConfirm, onCancel }: Props) => {
  const { t } = useTranslation();
  const [overlap, setOverlap] = useState(0);
  const choices = allowedOverlaps(maxRotationOverlapSeconds);
  const now = Math.floor(Date.now() / 1000);
  const end = previousSecretEnd(overlap, token.expiresAt, now);
  const olderEnds = olderSecretEnding(token.previousSecretExpiresAt, now);
  const consequence =
    end === undefined
      ? t("patRegenerateConsequence")
      : t("patRegenerateConsequenceOverlap", { date: formatSeconds(end, environment.locale) });

  return (
    <ConfirmTokenAction
      action="regenerate"
      title={t("patRegenerateTitle")}
      question={t("patRegenerateQuestion")}
      consequence={consequence}
      confirmLabel={t("patRegenerate")}
      tokenName={token.name}
      busy={busy}
      error={error}
      onConfirm={() => onConfirm(overlap)}
      onCancel={onCancel}
    >
      {choices.length > 1 ? (
        <FormGroup label={t("patOverlap")} fieldId="pat-overlap" className="pf-v5-u-my-md">
          <FormSelect
            id="pat-overlap"
            data-testid="pat-overlap"
            value={String(overlap)}
            onChange={(_event, value) => setOverlap(Number(value))}
          >
            {choices.map((seconds) => (
              <FormSelectOption key={seconds} value={String(seconds)} label={t(`patOverlap${overlapKey(seconds)}`)} />
            ))}
          </FormSelect>
        </FormGroup>
      ) : (
        <HelperText className="pf-v5-u-mb-md">
          <HelperTextItem data-testid="pat-overlap-not-allowed">{t("patOverlapNotAllowed")}</HelperTextItem>
        </HelperText>
      )}
      {olderEnds !== undefined && (
        <HelperText className="pf-v5-u-mb-md">
          <HelperTextItem variant="warning" data-testid="pat-older-secret-ends">
            {t("patOlderSecretEnds", { date: formatSeconds(olderEnds, environment.locale) })}
          </HelperTextItem>
        </HelperText>
      )}
    </ConfirmTokenAction>
  );
};

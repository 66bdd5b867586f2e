import { Alert, AlertActionCloseButton, ClipboardCopy, Stack, StackItem } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import type { CreatedToken } from "./api";

/** The secret of a token just created, shown this once. */
export const NewTokenSecret = ({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) => {
  const { t } = useTranslation();
  return (
    <Alert
      variant="success"
      isInline
      title={`${t("patCreatedTitle")}: ${token.name}`}
      actionClose={<AlertActionCloseButton onClose={onDismiss} aria-label={t("patDismissSecret")} />}
      data-testid="pat-new-token"
    >
      <Stack hasGutter>
        <StackItem>
          <strong>{t("patSecretWarning")}</strong>
        </StackItem>
        <StackItem>
          <ClipboardCopy
            isReadOnly
            hoverTip={t("patCopy")}
            clickTip={t("patCopied")}
            textAriaLabel={t("patSecretLabel")}
            data-testid="pat-secret"
          >
            {token.token}
          </ClipboardCopy>
        </StackItem>
      </Stack>
    </Alert>
  );
};

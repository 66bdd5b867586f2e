import { Button, Modal, ModalVariant } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

type Props = { onDiscard: () => void; onGoBack: () => void };

/** Asks before a secret nobody copied is closed for good; "Go back" (and Escape) keeps it on the screen. */
export const DiscardSecretDialog = ({ onDiscard, onGoBack }: Props) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.small}
      title={t("patDiscardTitle")}
      titleIconVariant="warning"
      isOpen
      onClose={onGoBack}
      elementToFocus="[data-testid='pat-discard-go-back']"
      data-testid="pat-discard-dialog"
      actions={[
        <Button key="discard" variant="danger" onClick={onDiscard} data-testid="pat-discard-confirm">
          {t("patDiscard")}
        </Button>,
        <Button key="back" variant="link" onClick={onGoBack} data-testid="pat-discard-go-back">
          {t("patGoBack")}
        </Button>,
      ]}
    >
      <p>{t("patDiscardBody")}</p>
    </Modal>
  );
};

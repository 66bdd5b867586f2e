import { Alert, Button, Modal, ModalVariant } from "@patternfly/react-core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  /** "delete" or "regenerate": names the test ids and picks the button's look */
  action: "delete" | "regenerate";
  title: string;
  question: string;
  consequence: string;
  confirmLabel: string;
  tokenName: string;
  busy: boolean;
  /** why the last attempt failed, shown in the dialog */
  error?: { title: string; description?: string };
  /** what the user may choose before confirming, shown between the question and the consequence */
  children?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Asks before acting on a token, naming it, in the console's modal style. */
export const ConfirmTokenAction = (props: Props) => {
  const { t } = useTranslation();
  return (
    <Modal
      variant={ModalVariant.small}
      title={props.title}
      titleIconVariant="warning"
      isOpen
      onClose={props.onCancel}
      data-testid={`pat-${props.action}-dialog`}
      actions={[
        <Button
          key="confirm"
          variant={props.action === "delete" ? "danger" : "primary"}
          onClick={props.onConfirm}
          isLoading={props.busy}
          isDisabled={props.busy}
          data-testid={`pat-${props.action}-confirm`}
        >
          {props.confirmLabel}
        </Button>,
        <Button key="cancel" variant="link" onClick={props.onCancel} data-testid={`pat-${props.action}-cancel`}>
          {t("cancel")}
        </Button>,
      ]}
    >
      {props.error && (
        <Alert
          variant="danger"
          isInline
          isLiveRegion
          component="h2"
          title={props.error.title}
          className="pf-v5-u-mb-md"
          data-testid={`pat-${props.action}-error`}
        >
          {props.error.description}
        </Alert>
      )}
      <p>
        {props.question} <strong data-testid={`pat-${props.action}-name`}>{props.tokenName}</strong>
      </p>
      {props.children}
      <p data-testid={`pat-${props.action}-consequence`}>{props.consequence}</p>
    </Modal>
  );
};

import { Button, Form, FormGroup, Modal, ModalVariant, TextInput } from "@patternfly/react-core";
import { ReactNode, useState } from "react";
import { usePatTranslation } from "./texts";

export type ConfirmRequest = {
  title: string;
  body: ReactNode;
  confirmLabel?: string;
  /** the admin must type this (the realm's name) before confirming */
  typeToConfirm?: { label: string; value: string; testId: string };
  onConfirm: () => Promise<void> | void;
};

/** A confirmation: "pat-confirm" acts, "pat-cancel" (or Escape, or the close button) does nothing. */
export const ConfirmModal = ({ request, onClose }: { request: ConfirmRequest; onClose: () => void }) => {
  const { t } = usePatTranslation();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const ready = !request.typeToConfirm || typed === request.typeToConfirm.value;

  const confirm = async () => {
    if (!ready || busy) return;
    setBusy(true);
    try {
      await request.onConfirm();
    } finally {
      setBusy(false);
      onClose();
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      titleIconVariant="warning"
      title={request.title}
      isOpen
      onClose={onClose}
      data-testid="pat-confirm-dialog"
      actions={[
        <Button
          key="confirm"
          variant="danger"
          data-testid="pat-confirm"
          isDisabled={!ready || busy}
          isLoading={busy}
          onClick={confirm}
        >
          {request.confirmLabel ?? t("pat.confirm")}
        </Button>,
        <Button key="cancel" variant="link" data-testid="pat-cancel" onClick={onClose}>
          {t("pat.cancel")}
        </Button>,
      ]}
    >
      {request.body}
      {request.typeToConfirm && (
        <Form
          className="pf-v5-u-mt-md"
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <FormGroup label={request.typeToConfirm.label} fieldId="pat-type-to-confirm">
            <TextInput
              id="pat-type-to-confirm"
              data-testid={request.typeToConfirm.testId}
              value={typed}
              onChange={(_event, value) => setTyped(value)}
              autoComplete="off"
            />
          </FormGroup>
        </Form>
      )}
    </Modal>
  );
};

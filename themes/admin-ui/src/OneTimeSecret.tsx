import { CopyToClipboardButton } from "@keycloak/keycloak-admin-ui";
import { Alert, Button, Form, FormGroup, InputGroup, InputGroupItem, Modal, ModalVariant, TextInput } from "@patternfly/react-core";
import type { ReactNode } from "react";
import { usePatTranslation } from "./texts";

/** A token's secret, shown this once, with the console's own copy button; test id pat-bot-secret. */
export const OneTimeSecret = ({ secret }: { secret: string }) => {
  const { t } = usePatTranslation();
  return (
    <>
      <Alert isInline variant="warning" title={t("pat.botSecretWarning")} data-testid="pat-bot-secret-warning" />
      <Form className="pf-v5-u-mt-md" onSubmit={(event) => event.preventDefault()}>
        <FormGroup label={t("pat.botSecretLabel")} fieldId="pat-bot-secret">
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id="pat-bot-secret"
                className="pat-secret"
                data-testid="pat-bot-secret"
                value={secret}
                readOnlyVariant="default"
                onFocus={(event) => event.currentTarget.select()}
              />
            </InputGroupItem>
            <InputGroupItem>
              {/* its tooltip says whether the browser let it copy; the field can be selected and copied by hand */}
              <CopyToClipboardButton id="pat-bot-secret" label="pat-bot-secret" text={secret} variant="control" />
            </InputGroupItem>
          </InputGroup>
        </FormGroup>
      </Form>
    </>
  );
};

/** The dialog that shows a secret just issued, this once, with one button to close it (test id pat-bot-close). */
export const OneTimeSecretModal = ({ title, testId, secret, onClose, children }: {
  title: string;
  testId: string;
  secret: string;
  onClose: () => void;
  children?: ReactNode;
}) => {
  const { t } = usePatTranslation();
  return (
    <Modal
      variant={ModalVariant.medium}
      title={title}
      isOpen
      onClose={onClose}
      data-testid={testId}
      actions={[
        <Button key="close" variant="primary" data-testid="pat-bot-close" onClick={onClose}>
          {t("pat.close")}
        </Button>,
      ]}
    >
      <OneTimeSecret secret={secret} />
      {children}
    </Modal>
  );
};

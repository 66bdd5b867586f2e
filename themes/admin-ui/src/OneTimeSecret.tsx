import { CopyToClipboardButton } from "@keycloak/keycloak-admin-ui";
import { Alert, Form, FormGroup, InputGroup, InputGroupItem, TextInput } from "@patternfly/react-core";
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

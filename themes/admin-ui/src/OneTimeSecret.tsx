import { Alert, Button, Form, FormGroup, InputGroup, InputGroupItem, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { usePatTranslation } from "./texts";

/** A token's secret, shown this once, with a copy button; test ids pat-bot-secret, pat-bot-copy. */
export const OneTimeSecret = ({ secret }: { secret: string }) => {
  const { t } = usePatTranslation();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
    } catch {
      const input = document.getElementById("pat-bot-secret") as HTMLInputElement | null;
      input?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  };

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
              <Button variant="control" data-testid="pat-bot-copy" onClick={copy}>
                {copied ? t("pat.copied") : t("pat.copy")}
              </Button>
            </InputGroupItem>
          </InputGroup>
        </FormGroup>
      </Form>
    </>
  );
};

import { useAccess } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Alert,
  AlertVariant,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  TextInput,
} from "@patternfly/react-core";
import { FormEvent, useEffect, useState } from "react";
import { useToast } from "./alerts";
import { errorText, type Policy, usePatApi } from "./api";
import { usePatTranslation } from "./texts";

const NUMBER_FIELDS = [
  "maxLifetimeDays",
  "defaultLifetimeDays",
  "maxTokensPerUser",
  "unusedRevokeDays",
  "maxAuthAgeSeconds",
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

type FormState = { expiryRequired: boolean; creationClients: string } & Record<NumberField, string>;

const toForm = (policy: Policy): FormState => ({
  expiryRequired: policy.expiryRequired,
  creationClients: (policy.creationClients ?? []).join(", "),
  ...(Object.fromEntries(NUMBER_FIELDS.map((field) => [field, String(policy[field] ?? 0)])) as Record<
    NumberField,
    string
  >),
});

const isCount = (value: string) => /^\d{1,9}$/.test(value.trim());

const capitalized = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);

/** The realm's token policy: GET/PUT /policy; read-only without manage-realm. */
export const PolicyTab = () => {
  const { t } = usePatTranslation();
  const { hasAccess } = useAccess();
  const api = usePatApi();
  const toast = useToast();
  const mayManage = hasAccess("manage-realm");

  const [saved, setSaved] = useState<Policy>();
  const [form, setForm] = useState<FormState>();
  const [loadError, setLoadError] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .policy()
      .then((policy) => {
        if (!live) return;
        setSaved(policy);
        setForm(toForm(policy));
      })
      .catch((error) => live && setLoadError(errorText(error)));
    return () => {
      live = false;
    };
  }, [api]);

  if (loadError) {
    return (
      <PageSection variant="light">
        <Alert isInline variant="danger" title={t("pat.policyLoadError", { error: loadError })} data-testid="pat-error" />
      </PageSection>
    );
  }
  if (!form || !saved) {
    return (
      <PageSection variant="light">
        <Spinner aria-label={t("pat.loading")} />
      </PageSection>
    );
  }

  const errors = Object.fromEntries(
    NUMBER_FIELDS.filter((field) => !isCount(form[field])).map((field) => [field, t("pat.policyNotNumber")]),
  ) as Partial<Record<NumberField, string>>;
  const valid = Object.keys(errors).length === 0;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || busy || !mayManage) return;
    setBusy(true);
    setSaveError(undefined);
    try {
      const answer = await api.updatePolicy({
        expiryRequired: form.expiryRequired,
        creationClients: form.creationClients
          .split(",")
          .map((client) => client.trim())
          .filter(Boolean),
        ...(Object.fromEntries(NUMBER_FIELDS.map((field) => [field, Number(form[field].trim())])) as Record<
          NumberField,
          number
        >),
      });
      setSaved(answer);
      setForm(toForm(answer));
      setSubmitted(false);
      toast(t("pat.policySaved"));
    } catch (error) {
      setSaveError(errorText(error));
      toast(t("pat.policySaveFailed", { error: errorText(error) }), AlertVariant.danger);
    } finally {
      setBusy(false);
    }
  };

  const help = (field: string, error?: string) => (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={error ? "error" : "default"} data-testid={`pat-policy-${field}-help`}>
          {error ?? t(`pat.policy${capitalized(field)}Help`)}
        </HelperTextItem>
      </HelperText>
    </FormHelperText>
  );

  const renderNumbers = (fields: readonly NumberField[]) =>
    fields.map((field) => (
          <FormGroup key={field} label={t(`pat.policy${capitalized(field)}`)} fieldId={`pat-policy-${field}`}>
            <TextInput
              id={`pat-policy-${field}`}
              data-testid={`pat-policy-${field}`}
              type="text"
              inputMode="numeric"
              value={form[field]}
              validated={submitted && errors[field] ? "error" : "default"}
              readOnlyVariant={mayManage ? undefined : "default"}
              onChange={(_event, value) => setForm({ ...form, [field]: value })}
            />
            {help(field, submitted || !isCount(form[field]) ? errors[field] : undefined)}
          </FormGroup>
    ));

  return (
    <PageSection variant="light">
      <p className="pf-v5-u-mb-md">{t("pat.policyIntro")}</p>
      {saved.warnings && saved.warnings.length > 0 && (
        <Alert isInline variant="warning" title={t("pat.policyWarnings")} data-testid="pat-policy-warnings" className="pf-v5-u-mb-md">
          <ul>
            {saved.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      )}
      {!mayManage && <Alert isInline isPlain variant="info" title={t("pat.policyReadOnly")} className="pf-v5-u-mb-md" />}
      {saveError && (
        <Alert isInline variant="danger" title={saveError} data-testid="pat-policy-error" className="pf-v5-u-mb-md" />
      )}
      <Form isHorizontal className="keycloak__form" onSubmit={save} data-testid="pat-policy-form">
        <FormGroup label={t("pat.policyExpiryRequired")} fieldId="pat-policy-expiryRequired" hasNoPaddingTop>
          <Checkbox
            id="pat-policy-expiryRequired"
            data-testid="pat-policy-expiryRequired"
            isChecked={form.expiryRequired}
            isDisabled={!mayManage}
            onChange={(_event, checked) => setForm({ ...form, expiryRequired: checked })}
          />
          {help("expiryRequired")}
        </FormGroup>
        {renderNumbers(NUMBER_FIELDS.filter((field) => field !== "maxAuthAgeSeconds"))}
        <FormGroup label={t("pat.policyCreationClients")} fieldId="pat-policy-creationClients">
          <TextInput
            id="pat-policy-creationClients"
            data-testid="pat-policy-creationClients"
            value={form.creationClients}
            readOnlyVariant={mayManage ? undefined : "default"}
            onChange={(_event, value) => setForm({ ...form, creationClients: value })}
          />
          {help("creationClients")}
        </FormGroup>
        {renderNumbers(["maxAuthAgeSeconds"])}
        {mayManage && (
          <ActionGroup>
            <Button type="submit" variant="primary" data-testid="pat-policy-save" isDisabled={busy} isLoading={busy}>
              {t("pat.policySave")}
            </Button>
            <Button
              variant="link"
              data-testid="pat-policy-revert"
              onClick={() => {
                setForm(toForm(saved));
                setSubmitted(false);
                setSaveError(undefined);
              }}
            >
              {t("pat.policyRevert")}
            </Button>
          </ActionGroup>
        )}
      </Form>
    </PageSection>
  );
};

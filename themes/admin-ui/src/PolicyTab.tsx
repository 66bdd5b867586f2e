import { useAccess } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Alert,
  AlertVariant,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  TextInput,
} from "@patternfly/react-core";
import { PlusCircleIcon, MinusCircleIcon } from "@patternfly/react-icons";
import { FormEvent, useEffect, useState } from "react";
import {
  type ApprovalRow,
  approvalRowProblems,
  approvalRowsOf,
  approvalScopesOf,
  LAPSE_DAYS,
  lapseDaysValid,
} from "../../shared/approvals";
import { useToast } from "./alerts";
import { errorText, ApiError, type Policy, usePatApi } from "./api";
import { DEFAULT_MAX_OVERLAP_SECONDS } from "../../shared/rotation";
import { type PatT, usePatTranslation } from "./texts";

/** The number fields with the server's bounds (PatPolicy.problems() and PolicyAttributes). */
const NUMBER_FIELDS = {
  maxLifetimeDays: { min: 0, max: 36_500 },
  defaultLifetimeDays: { min: 1, max: 36_500 },
  maxTokensPerUser: { min: 0, max: 10_000 },
  unusedRevokeDays: { min: 0, max: 36_500 },
  maxAuthAgeSeconds: { min: 5, max: 2_592_000 },
  maxRotationOverlapSeconds: { min: 0, max: 2_592_000 },
} as const;
type NumberField = keyof typeof NUMBER_FIELDS;
const NUMBER_NAMES = Object.keys(NUMBER_FIELDS) as NumberField[];
type Field =
  | NumberField
  | "creationClients"
  | "expiryRequired"
  | "expiryRemindersEnabled"
  | "approvalScopes"
  | "approvalLapseDays";
const FIELDS: Field[] = [
  ...NUMBER_NAMES,
  "creationClients",
  "expiryRequired",
  "expiryRemindersEnabled",
  "approvalScopes",
  "approvalLapseDays",
];

type FormState = {
  expiryRequired: boolean;
  expiryRemindersEnabled: boolean;
  creationClients: string;
  /** the scopes that need approval, each with the group path of its approvers (empty: the manage-users holders) */
  approvalRows: ApprovalRow[];
  approvalLapseDays: string;
} & Record<NumberField, string>;
type Errors = Partial<Record<Field, string>>;

/** What a server of an older release of this extension does not show: assumed as the server's default, sent only when changed. */
const overlapOf = (policy: Policy) => policy.maxRotationOverlapSeconds ?? DEFAULT_MAX_OVERLAP_SECONDS;
/** The fields sent on every save (the rest only when changed). */
const ALWAYS_SENT = NUMBER_NAMES.filter((field) => field !== "maxRotationOverlapSeconds");

const toForm = (policy: Policy): FormState => ({
  expiryRequired: policy.expiryRequired,
  expiryRemindersEnabled: policy.expiryRemindersEnabled ?? true,
  creationClients: (policy.creationClients ?? []).join(", "),
  ...(Object.fromEntries(NUMBER_NAMES.map((field) => [field, String(policy[field] ?? 0)])) as Record<
    NumberField,
    string
  >),
  maxRotationOverlapSeconds: String(overlapOf(policy)),
  approvalRows: approvalRowsOf(policy.approvalScopes),
  approvalLapseDays: String(policy.approvalLapseDays ?? LAPSE_DAYS.default),
});

/** What the server has of the approval fields, as the form compares them (an older server has none: its defaults). */
const approvalsOf = (rows: ApprovalRow[]) => JSON.stringify(approvalScopesOf(rows));

const capitalized = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);

const clientIds = (text: string) =>
  text
    .split(",")
    .map((client) => client.trim())
    .filter(Boolean);

/** What is wrong with the form, per field, in the words of its label; the same rules as the server's. */
function validate(form: FormState, t: PatT): Errors {
  const errors: Errors = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const field of NUMBER_NAMES) {
    const text = form[field].trim();
    if (!/^-?\d{1,10}$/.test(text)) {
      errors[field] = t("pat.policyNotWholeNumber", { name: t(`pat.policy${capitalized(field)}Name`) });
      continue;
    }
    const value = Number(text);
    const { min, max } = NUMBER_FIELDS[field];
    if (value < min || value > max) {
      errors[field] = t(`pat.policy${capitalized(field)}Range`);
    } else {
      numbers[field] = value;
    }
  }
  const longest = numbers.maxLifetimeDays;
  const preset = numbers.defaultLifetimeDays;
  if (longest !== undefined && preset !== undefined && longest > 0 && preset > longest) {
    errors.defaultLifetimeDays = t("pat.policyDefaultAboveMax", { days: longest });
  }
  if (clientIds(form.creationClients).some((client) => /\s/.test(client))) {
    errors.creationClients = t("pat.policyCreationClientsInvalid");
  }
  const rowProblems = approvalRowProblems(form.approvalRows);
  if (rowProblems.size > 0) {
    const [index, problem] = [...rowProblems.entries()][0];
    errors.approvalScopes = t(`pat.policyApproval_${problem}`, { row: index + 1 });
  }
  if (!lapseDaysValid(form.approvalLapseDays)) {
    errors.approvalLapseDays = t("pat.policyApprovalLapseDaysRange");
  }
  return errors;
}

/**
 * The server's refusal ("maxAuthAgeSeconds must be between 5 and 2592000; …", see PatPolicy.problems()) as messages at
 * the fields it names, in the form's words; what names no field is left for the alert above the form.
 */
function fieldErrorsOf(description: string, form: FormState, t: PatT): { errors: Errors; rest: string[] } {
  const errors: Errors = {};
  const rest: string[] = [];
  for (const problem of description.split(/;\s*/).filter(Boolean)) {
    const field = FIELDS.find((name) => problem.startsWith(`${name} `));
    if (/approvalScopes|approverGroup/.test(problem) && field !== "approvalLapseDays") {
      // the server's words: which scope or group it could not take
      errors.approvalScopes = errors.approvalScopes ? `${errors.approvalScopes}; ${problem}` : problem;
    } else if (field === "approvalLapseDays") {
      errors[field] = t("pat.policyApprovalLapseDaysRange");
    } else if (!field) {
      rest.push(problem);
    } else if (field === "defaultLifetimeDays" && problem.includes("maxLifetimeDays")) {
      errors[field] = t("pat.policyDefaultAboveMax", { days: form.maxLifetimeDays.trim() });
    } else if (field in NUMBER_FIELDS) {
      errors[field] = t(`pat.policy${capitalized(field)}Range`);
    } else if (field === "creationClients") {
      errors[field] = t("pat.policyCreationClientsInvalid");
    } else {
      errors[field] = `${t(`pat.policy${capitalized(field)}`)}: ${problem.slice(field.length + 1)}`;
    }
  }
  return { errors, rest };
}

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
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  // the scopes a token may ask for, offered as the scopes that may need approval; null: not known (typed instead)
  const [offered, setOffered] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .offeredScopes()
      .then((names) => live && setOffered(names))
      .catch(() => live && setOffered(null));
    return () => {
      live = false;
    };
  }, [api]);

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

  const errors = validate(form, t);
  const valid = Object.keys(errors).length === 0;
  // a field's own error once saving was tried, or while it is not even a number; then what the server said of it
  const shownError = (field: Field) =>
    (submitted || (field in NUMBER_FIELDS && !/^-?\d*$/.test(form[field as NumberField].trim()))
      ? errors[field]
      : undefined) ?? serverErrors[field];

  const change = (field: Field, value: string | boolean | ApprovalRow[]) => {
    // the approval scopes are edited as the form's rows
    setForm({ ...form, [field === "approvalScopes" ? "approvalRows" : field]: value });
    if (serverErrors[field]) {
      const { [field]: _dropped, ...others } = serverErrors;
      setServerErrors(others);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || busy || !mayManage) return;
    setBusy(true);
    setSaveError(undefined);
    setServerErrors({});
    try {
      const answer = await api.updatePolicy({
        expiryRequired: form.expiryRequired,
        creationClients: clientIds(form.creationClients),
        ...(Object.fromEntries(ALWAYS_SENT.map((field) => [field, Number(form[field].trim())])) as Record<
          NumberField,
          number
        >),
        ...(Number(form.maxRotationOverlapSeconds.trim()) !== overlapOf(saved)
          ? { maxRotationOverlapSeconds: Number(form.maxRotationOverlapSeconds.trim()) }
          : {}),
        // only sent when changed: a server of an older release of this extension refuses a field it does not know
        ...(form.expiryRemindersEnabled !== (saved.expiryRemindersEnabled ?? true)
          ? { expiryRemindersEnabled: form.expiryRemindersEnabled }
          : {}),
        ...(approvalsOf(form.approvalRows) !== approvalsOf(approvalRowsOf(saved.approvalScopes))
          ? { approvalScopes: approvalScopesOf(form.approvalRows) }
          : {}),
        ...(Number(form.approvalLapseDays.trim()) !== (saved.approvalLapseDays ?? LAPSE_DAYS.default)
          ? { approvalLapseDays: Number(form.approvalLapseDays.trim()) }
          : {}),
      });
      setSaved(answer);
      setForm(toForm(answer));
      setSubmitted(false);
      toast(t("pat.policySaved"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const { errors: atFields, rest } = fieldErrorsOf(error.description, form, t);
        setServerErrors(atFields);
        setSaveError(rest.length > 0 ? rest.join("; ") : undefined);
        toast(rest.length > 0 ? t("pat.policySaveFailed", { error: rest.join("; ") }) : t("pat.policyFixFields"),
          AlertVariant.danger);
      } else {
        setSaveError(errorText(error));
        toast(t("pat.policySaveFailed", { error: errorText(error) }), AlertVariant.danger);
      }
    } finally {
      setBusy(false);
    }
  };

  const help = (field: Field, error?: string, warning?: string) => (
    <FormHelperText>
      <HelperText>
        <HelperTextItem
          variant={error ? "error" : "default"}
          data-testid={`pat-policy-${field}-help`}
          data-error={error ? "true" : undefined}
        >
          {error ?? t(`pat.policy${capitalized(field)}Help`)}
        </HelperTextItem>
        {!error && warning && (
          <HelperTextItem variant="warning" data-testid={`pat-policy-${field}-warning`}>
            {warning}
          </HelperTextItem>
        )}
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
          validated={shownError(field) ? "error" : "default"}
          aria-invalid={shownError(field) ? true : undefined}
          readOnlyVariant={mayManage ? undefined : "default"}
          onChange={(_event, value) => change(field, value)}
        />
        {help(field, shownError(field))}
      </FormGroup>
    ));

  const checkbox = (field: "expiryRequired" | "expiryRemindersEnabled") => (
    <FormGroup label={t(`pat.policy${capitalized(field)}`)} fieldId={`pat-policy-${field}`} hasNoPaddingTop>
      <Checkbox
        id={`pat-policy-${field}`}
        data-testid={`pat-policy-${field}`}
        isChecked={form[field]}
        isDisabled={!mayManage}
        onChange={(_event, checked) => change(field, checked)}
      />
      {help(field, shownError(field))}
    </FormGroup>
  );

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
      <Form isHorizontal className="keycloak__form" onSubmit={save} noValidate data-testid="pat-policy-form">
        {checkbox("expiryRequired")}
        {renderNumbers(NUMBER_NAMES.filter((field) => field !== "maxAuthAgeSeconds" && field !== "maxRotationOverlapSeconds"))}
        <FormGroup label={t("pat.policyCreationClients")} fieldId="pat-policy-creationClients">
          <TextInput
            id="pat-policy-creationClients"
            data-testid="pat-policy-creationClients"
            value={form.creationClients}
            validated={shownError("creationClients") ? "error" : "default"}
            readOnlyVariant={mayManage ? undefined : "default"}
            onChange={(_event, value) => change("creationClients", value)}
          />
          {help(
            "creationClients",
            shownError("creationClients"),
            clientIds(form.creationClients).length === 0 ? t("pat.policyCreationClientsEmpty") : undefined,
          )}
        </FormGroup>
        {renderNumbers(["maxAuthAgeSeconds", "maxRotationOverlapSeconds"])}
        {checkbox("expiryRemindersEnabled")}
        <FormGroup
          label={t("pat.policyApprovalScopes")}
          fieldId="pat-policy-approvalScopes"
          role="group"
          data-testid="pat-policy-approvalScopes"
        >
          {form.approvalRows.length === 0 && (
            <p className="pf-v5-u-color-200 pf-v5-u-mb-sm" data-testid="pat-policy-approval-none">
              {t("pat.policyApprovalNone")}
            </p>
          )}
          {form.approvalRows.map((row, index) => {
            const setRow = (next: Partial<ApprovalRow>) =>
              change(
                "approvalScopes",
                form.approvalRows.map((other, at) => (at === index ? { ...other, ...next } : other)),
              );
            const choices = offered ? [...new Set([...offered, ...(row.scope ? [row.scope] : [])])] : null;
            return (
              <div key={index} className="pf-v5-u-display-flex pf-v5-u-mb-sm" data-testid="pat-policy-approval-row">
                {choices ? (
                  <FormSelect
                    aria-label={t("pat.policyApprovalScope", { row: index + 1 })}
                    data-testid="pat-policy-approval-scope"
                    value={row.scope}
                    isDisabled={!mayManage}
                    onChange={(_event, value) => setRow({ scope: value })}
                    className="pf-v5-u-mr-sm"
                  >
                    <FormSelectOption value="" label={t("pat.policyApprovalChooseScope")} isPlaceholder />
                    {choices.map((name) => (
                      <FormSelectOption key={name} value={name} label={name} />
                    ))}
                  </FormSelect>
                ) : (
                  <TextInput
                    aria-label={t("pat.policyApprovalScope", { row: index + 1 })}
                    data-testid="pat-policy-approval-scope"
                    value={row.scope}
                    readOnlyVariant={mayManage ? undefined : "default"}
                    onChange={(_event, value) => setRow({ scope: value })}
                    className="pf-v5-u-mr-sm"
                  />
                )}
                <TextInput
                  aria-label={t("pat.policyApprovalGroup", { row: index + 1 })}
                  placeholder={t("pat.policyApprovalGroupPlaceholder")}
                  data-testid="pat-policy-approval-group"
                  value={row.approverGroup}
                  readOnlyVariant={mayManage ? undefined : "default"}
                  onChange={(_event, value) => setRow({ approverGroup: value })}
                />
                {mayManage && (
                  <Button
                    variant="plain"
                    aria-label={t("pat.policyApprovalRemove", { row: index + 1 })}
                    data-testid="pat-policy-approval-remove"
                    onClick={() => change("approvalScopes", form.approvalRows.filter((_row, at) => at !== index))}
                  >
                    <MinusCircleIcon />
                  </Button>
                )}
              </div>
            );
          })}
          {mayManage && (
            <Button
              variant="link"
              isInline
              icon={<PlusCircleIcon />}
              data-testid="pat-policy-approval-add"
              onClick={() => change("approvalScopes", [...form.approvalRows, { scope: "", approverGroup: "" }])}
            >
              {t("pat.policyApprovalAdd")}
            </Button>
          )}
          {help("approvalScopes", shownError("approvalScopes"))}
        </FormGroup>
        <FormGroup label={t("pat.policyApprovalLapseDays")} fieldId="pat-policy-approvalLapseDays">
          <TextInput
            id="pat-policy-approvalLapseDays"
            data-testid="pat-policy-approvalLapseDays"
            type="text"
            inputMode="numeric"
            value={form.approvalLapseDays}
            validated={shownError("approvalLapseDays") ? "error" : "default"}
            readOnlyVariant={mayManage ? undefined : "default"}
            onChange={(_event, value) => change("approvalLapseDays", value)}
          />
          {help("approvalLapseDays", shownError("approvalLapseDays"))}
        </FormGroup>
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
                setServerErrors({});
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

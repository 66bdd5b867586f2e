import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Label,
  TextArea,
  TextInput,
} from "@patternfly/react-core";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type CreatedToken, type Policy, type Scope, usePersonalAccessTokensApi } from "./api";
import { ScopeLabel } from "./ScopeLabel";
import {
  allowedPresets,
  allowsNoExpiry,
  type ExpiryChoice,
  expiresAt,
  initialChoice,
  withinLifetime,
} from "../../shared/expiry";
import { daysFromToday } from "../../shared/dates";
import { MAX_REASON_LENGTH, reasonProblem, reasonToSend } from "../../shared/approvals";

const MAX_NAME_LENGTH = 100;
/** About the width of Keycloak's own account forms: fields sized for what goes into them, not for the page. */
const FORM_MAX_WIDTH = "480px";

type Errors = { name?: string; scopes?: string; expiry?: string; reason?: string; form?: string };

type Props = {
  scopes: Scope[];
  policy: Policy;
  existingNames: string[];
  onCreated: (token: CreatedToken) => void;
  onCancel: () => void;
};

/** Name, scopes (none chosen by default) and expiry of a new token; mistakes are shown at their field. */
export const CreateTokenForm = ({ scopes, policy, onCreated, onCancel }: Props) => {
  const { t } = useTranslation();
  const api = usePersonalAccessTokensApi();
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [selfRotate, setSelfRotate] = useState(false);
  const [reason, setReason] = useState("");
  // the scopes an approver must approve before they are in the token's claims (the policy's names)
  const needsApproval = (scope: string) => (policy.approvalScopes ?? []).includes(scope);
  const awaiting = chosen.filter(needsApproval);
  const initial = initialChoice(policy);
  const [expiry, setExpiry] = useState<ExpiryChoice>(initial.choice);
  const [customDate, setCustomDate] = useState(initial.date);
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  /** After a failed submit the focus goes to the first field in error (or the form's alert), not to <body>. */
  const focusFirstError = (found: Errors) => {
    window.setTimeout(() => {
      const root = form.current;
      if (!root) return;
      const target = found.form
        ? root.querySelector<HTMLElement>("[data-testid='pat-form-error']")
        : found.name
          ? root.querySelector<HTMLElement>("#pat-name")
          : found.scopes
            ? root.querySelector<HTMLElement>("input[name='scopes']")
            : found.expiry
              ? root.querySelector<HTMLElement>("#pat-expiry-date") ?? root.querySelector<HTMLElement>("#pat-expiry")
              : found.reason
                ? root.querySelector<HTMLElement>("#pat-reason")
                : null;
      target?.focus();
    }, 0);
  };

  const validate = (): Errors => {
    const found: Errors = {};
    const trimmed = name.trim();
    if (!trimmed) found.name = t("patNameRequired");
    // the server's rule: at most 100 UTF-16 code units (an emoji counts as two), which is what JS's length counts
    else if (trimmed.length > MAX_NAME_LENGTH) found.name = t("patNameTooLong");
    const expiry_ = expiresAt(expiry, customDate);
    if (expiry_ === undefined) found.expiry = t("patExpiryInvalid");
    else if (!withinLifetime(policy, expiry_)) found.expiry = t("patExpiryTooLong", { days: policy.maxLifetimeDays });
    if (awaiting.length > 0 && reasonProblem(reason) === "tooLong") found.reason = t("patReasonTooLong", { max: MAX_REASON_LENGTH });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setSubmitting(true);
    try {
      const token = await api.create({
        name: name.trim(),
        scopes: chosen,
        expiresAt: expiresAt(expiry, customDate) ?? null,
        selfRotate,
        // only with a scope that needs approval: the reason is for its approvers
        ...(awaiting.length > 0 && reasonToSend(reason) ? { reason: reasonToSend(reason) } : {}),
      });
      onCreated(token);
    } catch (e) {
      const found = serverErrors(e);
      setErrors(found);
      focusFirstError(found);
    } finally {
      setSubmitting(false);
    }
  };

  const serverErrors = (e: unknown): Errors => {
    if (!(e instanceof ApiError)) return { form: t("patCreateFailed") };
    if (e.status === 409) return { name: t("patNameTaken") };
    if (e.status === 400 && /\breason\b/i.test(e.description)) return { reason: e.description };
    // such as "The name must be at most 100 characters long (an emoji counts as two)"
    if (e.status === 400 && /\bname\b/i.test(e.description) && !/scope/i.test(e.error)) return { name: e.description };
    if (e.error === "invalid_scope") return { scopes: e.description };
    if (e.error === "policy_violation" && /expir|last/i.test(e.description)) return { expiry: e.description };
    return { form: e.description || t("patCreateFailed") };
  };

  /** What the chosen expiry means, the realm's limit, and that an unused token is revoked where the realm does so. */
  const expiryHelp = () => {
    const parts = [expiry === "none" ? t("patExpiryNoneWarning") : t("patExpiryHelp")];
    if (expiry !== "none" && policy.maxLifetimeDays > 0) parts.push(t("patExpiryLimit", { days: policy.maxLifetimeDays }));
    if (policy.unusedRevokeDays) parts.push(t("patUnusedRevoked", { days: policy.unusedRevokeDays }));
    return parts.join(" ");
  };

  const toggleScope = (scope: string, checked: boolean) =>
    setChosen(checked ? [...chosen, scope] : chosen.filter((s) => s !== scope));

  return (
    <Card data-testid="pat-create-form">
      <CardTitle component="h2">{t("patCreateTitle")}</CardTitle>
      <CardBody>
        <Form onSubmit={submit} noValidate ref={form} maxWidth={FORM_MAX_WIDTH} data-testid="pat-form">
          {errors.form && (
            <Alert
              variant="danger"
              isInline
              component="h3"
              title={errors.form}
              tabIndex={-1}
              data-testid="pat-form-error"
            />
          )}
          <FormGroup label={t("patName")} isRequired fieldId="pat-name">
            <TextInput
              id="pat-name"
              name="name"
              value={name}
              onChange={(_event, value) => setName(value)}
              validated={errors.name ? "error" : "default"}
              aria-describedby="pat-name-helper"
              autoFocus
            />
            <FormHelperText>
              <HelperText id="pat-name-helper">
                <HelperTextItem variant={errors.name ? "error" : "default"} data-testid="pat-name-helper">
                  {errors.name ?? t("patNameHelp")}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>

          <FormGroup
            label={t("patScopes")}
            role="group"
            fieldId="pat-scopes"
            isStack
            aria-describedby="pat-scopes-helper-text"
          >
            {scopes.length === 0 && <p>{t("patNoScopes")}</p>}
            {scopes.map((scope) => (
              <Checkbox
                key={scope.name}
                id={`pat-scope-${scope.name}`}
                name="scopes"
                label={
                  <>
                    <ScopeLabel name={scope.name} text={scope.displayName?.trim() || undefined} />
                    {needsApproval(scope.name) && (
                      <Label isCompact color="orange" className="pf-v5-u-ml-sm" data-testid="pat-scope-needs-approval">
                        {t("patNeedsApproval")}
                      </Label>
                    )}
                  </>
                }
                description={scope.description}
                isChecked={chosen.includes(scope.name)}
                onChange={(_event, checked) => toggleScope(scope.name, checked)}
              />
            ))}
            <FormHelperText>
              <HelperText id="pat-scopes-helper-text">
                <HelperTextItem variant={errors.scopes ? "error" : "default"} data-testid="pat-scopes-helper">
                  {errors.scopes ?? t("patScopesHelp")}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>

          {awaiting.length > 0 && (
            <FormGroup label={t("patReason")} fieldId="pat-reason" data-testid="pat-reason-group">
              <p className="pf-v5-u-mb-sm" data-testid="pat-approval-note">
                {t("patApprovalNote", { scopes: awaiting.join(", ") })}
              </p>
              <TextArea
                id="pat-reason"
                name="reason"
                data-testid="pat-reason"
                value={reason}
                onChange={(_event, value) => {
                  setReason(value);
                  if (errors.reason) setErrors({ ...errors, reason: undefined });
                }}
                validated={errors.reason || reasonProblem(reason) ? "error" : "default"}
                aria-describedby="pat-reason-helper"
                resizeOrientation="vertical"
                rows={3}
              />
              <FormHelperText>
                <HelperText id="pat-reason-helper">
                  <HelperTextItem
                    variant={errors.reason || reasonProblem(reason) ? "error" : "default"}
                    data-testid="pat-reason-helper"
                  >
                    {errors.reason ?? t("patReasonHelp")}
                  </HelperTextItem>
                  <HelperTextItem
                    variant={reasonProblem(reason) ? "error" : "default"}
                    data-testid="pat-reason-count"
                  >
                    {t("patReasonCount", { count: reason.length, max: MAX_REASON_LENGTH })}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          )}

          <FormGroup label={t("patExpiry")} fieldId="pat-expiry">
            <FormSelect
              id="pat-expiry"
              value={expiry}
              onChange={(_event, value) => setExpiry(value as ExpiryChoice)}
              validated={errors.expiry && expiry !== "custom" ? "error" : "default"}
              aria-describedby="pat-expiry-helper-text"
            >
              {allowedPresets(policy).map((days) => (
                <FormSelectOption key={days} value={String(days)} label={t(`patExpiry${days}`)} />
              ))}
              <FormSelectOption value="custom" label={t("patExpiryCustom")} />
              {allowsNoExpiry(policy) && <FormSelectOption value="none" label={t("patExpiryNone")} />}
            </FormSelect>
            {expiry === "custom" && (
              <TextInput
                id="pat-expiry-date"
                type="date"
                aria-label={t("patExpiryDate")}
                min={daysFromToday(1)}
                max={policy.maxLifetimeDays > 0 ? daysFromToday(policy.maxLifetimeDays - 1) : undefined}
                value={customDate}
                onChange={(_event, value) => setCustomDate(value)}
                validated={errors.expiry ? "error" : "default"}
                aria-describedby="pat-expiry-helper-text"
              />
            )}
            <FormHelperText>
              <HelperText id="pat-expiry-helper-text">
                <HelperTextItem
                  variant={errors.expiry ? "error" : expiry === "none" ? "warning" : "default"}
                  data-testid="pat-expiry-helper"
                >
                  {errors.expiry ?? expiryHelp()}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>

          <FormGroup label={t("patSelfRotate")} fieldId="pat-self-rotate">
            <Checkbox
              id="pat-self-rotate"
              data-testid="pat-self-rotate"
              label={t("patSelfRotateLabel")}
              description={t("patSelfRotateHelp")}
              isChecked={selfRotate}
              onChange={(_event, checked) => setSelfRotate(checked)}
            />
          </FormGroup>

          <ActionGroup>
            <Button type="submit" variant="primary" isLoading={submitting} isDisabled={submitting} data-testid="pat-submit">
              {t("patCreate")}
            </Button>
            <Button variant="link" onClick={onCancel}>
              {t("cancel")}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
};

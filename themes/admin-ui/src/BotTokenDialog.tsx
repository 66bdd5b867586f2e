import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  Spinner,
  TextInput,
} from "@patternfly/react-core";
import { FormEvent, useEffect, useState } from "react";
import { type CreatedToken, errorText, type Policy, usePatApi } from "./api";
import { OneTimeSecretModal } from "./OneTimeSecret";
import { usePatTranslation } from "./texts";
import { ScopeLabel, useScopeTexts } from "./scopes";
import { daysFromToday, formatSeconds, isoDate, nowSeconds, parseIsoDate } from "../../shared/dates";
import { allowsNoExpiry, expiryOfDay, latestExpiry, proposedExpiryDate } from "../../shared/expiry";

type Choices = { clients: string[]; scopes: string[] | null; policy: Policy };

const Help = ({ text, error }: { text?: string; error?: string }) =>
  text || error ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={error ? "error" : "default"}>{error ?? text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;

/**
 * "Create bot token": a client with a service account, a name, scopes and an expiry; then the secret, once.
 * Closing reports whether a token was created.
 */
export const BotTokenDialog = ({ onClose }: { onClose: (created: boolean) => void }) => {
  const { t, language } = usePatTranslation();
  const api = usePatApi();
  const scopeTexts = useScopeTexts(api, t);
  const [choices, setChoices] = useState<Choices>();
  const [loadError, setLoadError] = useState<string>();

  const [clientId, setClientId] = useState("");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [expires, setExpires] = useState("");
  const [never, setNever] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const [created, setCreated] = useState<CreatedToken>();

  useEffect(() => {
    let live = true;
    Promise.all([api.serviceAccountClients(), api.offeredScopes(), api.policy()])
      .then(([clients, scopes, policy]) => {
        if (!live) return;
        setChoices({ clients, scopes, policy });
        setClientId(clients[0] ?? "");
        const initial = proposedExpiryDate(policy);
        setExpires(initial ?? "");
        setNever(initial === null);
      })
      .catch((error) => live && setLoadError(errorText(error)));
    return () => {
      live = false;
    };
  }, [api]);

  const policy = choices?.policy;
  const maxDate = policy && policy.maxLifetimeDays > 0 ? daysFromToday(policy.maxLifetimeDays) : undefined;
  // the latest expiry the policy allows, as submit() cuts it
  const latest = () => formatSeconds(latestExpiry(policy!, nowSeconds()) ?? 0, language);
  const mayNever = !!policy && allowsNoExpiry(policy);

  const nameError = !name.trim()
    ? t("pat.botNameRequired")
    : name.trim().length > 100
      ? t("pat.botNameTooLong")
      : undefined;
  const expiryDate = parseIsoDate(expires);
  const expiryError =
    never && mayNever
      ? undefined
      : !expiryDate
        ? t("pat.filterBadDate")
        : expires <= isoDate(new Date())
          ? t("pat.botExpiresPast")
          : maxDate && expires > maxDate
            ? t("pat.botExpiresMax", { days: policy!.maxLifetimeDays, date: latest() })
            : undefined;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setSubmitted(true);
    if (!policy || !clientId || nameError || expiryError || busy) return;
    let expiresAt: number | null = null;
    if (!(never && mayNever)) {
      expiresAt = expiryOfDay(expiryDate!, policy, nowSeconds());
    }
    setBusy(true);
    setServerError(undefined);
    try {
      setCreated(await api.createBot(clientId, { name: name.trim(), scopes, expiresAt }));
    } catch (error) {
      setServerError(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const close = () => onClose(!!created);

  if (created) {
    return (
      <OneTimeSecretModal
        title={t("pat.botCreatedTitle", { name: created.name })}
        testId="pat-bot-dialog"
        secret={created.token}
        onClose={close}
      />
    );
  }

  return (
    <Modal
      variant={ModalVariant.medium}
      title={t("pat.createBotTitle")}
      description={t("pat.createBotIntro")}
      isOpen
      onClose={close}
      data-testid="pat-bot-dialog"
      actions={[
        <Button
          key="submit"
          variant="primary"
          data-testid="pat-bot-submit"
          isDisabled={!choices || busy || choices.clients.length === 0}
          isLoading={busy}
          onClick={() => submit()}
        >
          {busy ? t("pat.botCreating") : t("pat.botSubmit")}
        </Button>,
        <Button key="cancel" variant="link" data-testid="pat-bot-cancel" onClick={close}>
          {t("pat.cancel")}
        </Button>,
      ]}
    >
      {loadError && <Alert isInline variant="danger" title={t("pat.loadError", { error: loadError })} />}
      {!choices && !loadError && <Spinner aria-label={t("pat.loading")} />}
      {choices && (
        <Form id="pat-bot-form" onSubmit={submit}>
          {serverError && (
            <Alert isInline variant="danger" title={serverError} data-testid="pat-bot-error" />
          )}
          {choices.scopes === null && <Alert isInline variant="warning" title={t("pat.notEnabled")} />}
          <FormGroup label={t("pat.botClient")} isRequired fieldId="pat-bot-client">
            {choices.clients.length === 0 ? (
              <Alert isInline isPlain variant="info" title={t("pat.botNoClients")} data-testid="pat-bot-no-clients" />
            ) : (
              <FormSelect
                id="pat-bot-client"
                data-testid="pat-bot-client"
                value={clientId}
                onChange={(_event, value) => setClientId(value)}
              >
                {choices.clients.map((client) => (
                  <FormSelectOption key={client} value={client} label={client} />
                ))}
              </FormSelect>
            )}
            <Help text={t("pat.botClientHelp")} />
          </FormGroup>
          <FormGroup label={t("pat.botName")} isRequired fieldId="pat-bot-name">
            <TextInput
              id="pat-bot-name"
              data-testid="pat-bot-name"
              value={name}
              validated={submitted && nameError ? "error" : "default"}
              onChange={(_event, value) => setName(value)}
              autoComplete="off"
            />
            <Help text={t("pat.botNameHelp")} error={submitted ? nameError : undefined} />
          </FormGroup>
          <FormGroup label={t("pat.botScopes")} fieldId="pat-bot-scopes" role="group" isStack>
            {(choices.scopes ?? []).map((scope) => (
              <Checkbox
                key={scope}
                id={`pat-bot-scope-${scope}`}
                data-testid={`pat-bot-scope-${scope}`}
                label={<ScopeLabel name={scope} texts={scopeTexts} />}
                isChecked={scopes.includes(scope)}
                onChange={(_event, checked) =>
                  setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)))
                }
              />
            ))}
            <Help text={choices.scopes?.length === 0 ? t("pat.botNoScopes") : t("pat.botScopesHelp")} />
          </FormGroup>
          <FormGroup label={t("pat.botExpires")} fieldId="pat-bot-expires" isRequired={!mayNever}>
            {!(never && mayNever) && (
              <DatePicker
                value={expires}
                placeholder={t("pat.filterDatePlaceholder")}
                onChange={(_event, value) => setExpires(value)}
                inputProps={{ id: "pat-bot-expires", "data-testid": "pat-bot-expires" } as never}
                validators={[]}
                appendTo={() => document.body}
              />
            )}
            {mayNever && (
              <Checkbox
                id="pat-bot-never"
                data-testid="pat-bot-never"
                className="pf-v5-u-mt-sm"
                label={t("pat.botNever")}
                isChecked={never}
                onChange={(_event, checked) => setNever(checked)}
              />
            )}
            <Help
              text={
                maxDate ? t("pat.botExpiresMax", { days: policy!.maxLifetimeDays, date: latest() }) : t("pat.botExpiresHelp")
              }
              error={submitted ? expiryError : undefined}
            />
          </FormGroup>
          <button type="submit" hidden />
        </Form>
      )}
    </Modal>
  );
};

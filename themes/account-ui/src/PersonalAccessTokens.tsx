import { Page, usePromise } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  Flex,
  FlexItem,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  EmptyStateHeader,
  EmptyStateIcon,
  Spinner,
  Stack,
  StackItem,
} from "@patternfly/react-core";
import { KeyIcon } from "@patternfly/react-icons";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isOffOnThisLine, untestedLineWarning } from "../../shared/keycloakLine";
import { ApiError, type CreatedToken, type Policy, type Scope, type Token, usePersonalAccessTokensApi } from "./api";
import { CreateTokenForm } from "./CreateTokenForm";
import { Guidance } from "./Guidance";
import { NewTokenSecret } from "./NewTokenSecret";
import { isSigningInAgain, takePendingAction } from "./stepUp";
import { TokenTable } from "./TokenTable";
import { UntestedLineBanner } from "./UntestedLineBanner";

/** The "Personal access tokens" page of the account console. */
export const PersonalAccessTokens = () => {
  const { t } = useTranslation();
  const api = usePersonalAccessTokensApi();
  const [tokens, setTokens] = useState<Token[]>();
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [policy, setPolicy] = useState<Policy>({
    expiryRequired: true,
    maxLifetimeDays: 365,
    defaultLifetimeDays: 30,
    maxTokensPerUser: 0,
  });
  const [loadError, setLoadError] = useState<string>();
  const [creating, setCreating] = useState(false);
  // The secrets live only in this component's state: leaving or reloading the page loses them for good. Each stays on
  // the screen until its own box is closed (which asks first when it was not copied): creating or regenerating another
  // token adds a box above it rather than throwing an uncopied secret away. A secret the token no longer has (it was
  // regenerated, or the token deleted) leaves, since it would not work.
  const [shown, setShown] = useState<Array<CreatedToken & { regenerated?: boolean }>>([]);
  const show = (token: CreatedToken & { regenerated?: boolean }) =>
    setShown((before) => [token, ...before.filter((other) => other.id !== token.id)]);
  const created = shown.length > 0 ? shown[0] : undefined;
  const [version, setVersion] = useState(0);
  /** after a delete: where the deleted row stood, so the focus goes to its neighbour rather than to <body> */
  const [deletedAt, setDeletedAt] = useState<{ index: number }>();

  // a secret on the screen is lost when the page is left: the browser asks first
  useEffect(() => {
    if (!created) return;
    const warn = (event: BeforeUnloadEvent) => {
      // leaving for the login a create or regenerate asked for is the user's own doing
      if (isSigningInAgain()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [created]);

  useEffect(() => {
    if (!deletedAt) return;
    // after the dialog's focus trap has handed the focus back (to a row that is gone)
    const timer = window.setTimeout(() => {
      const toggles = document.querySelectorAll<HTMLElement>("[data-testid='pat-row'] [data-testid='pat-actions']");
      const target =
        toggles[Math.min(deletedAt.index, toggles.length - 1)] ??
        document.querySelector<HTMLElement>("[data-testid='pat-create']");
      target?.focus();
    }, 100);
    return () => window.clearTimeout(timer);
  }, [deletedAt]);

  usePromise(
    async (signal) => {
      try {
        const [list, selectable, rules] = await Promise.all([api.list(signal), api.scopes(signal), api.policy(signal)]);
        return { list, selectable, rules, error: undefined };
      } catch (e) {
        if (signal.aborted) throw e;
        // PATs off on this Keycloak line: the server's own words (which version, which lines are tested)
        const message = isOffOnThisLine(e)
          ? e.description
          : e instanceof ApiError && e.error === "not_enabled"
            ? t("patNotEnabled")
            : t("patLoadError");
        return { list: [], selectable: [], rules: undefined, error: message };
      }
    },
    ({ list, selectable, rules, error }) => {
      setTokens(list);
      setScopes(selectable);
      if (rules) setPolicy(rules);
      setLoadError(error);
    },
    [version],
  );

  const reload = () => setVersion((v) => v + 1);

  // back from signing in again: finish what the user asked for before, once
  const [resumeError, setResumeError] = useState<string>();
  const [resuming, setResuming] = useState(false);
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current) return;
    resumed.current = true;
    const pending = takePendingAction();
    if (!pending) return;
    setResuming(true);
    const action =
      pending.kind === "create" ? api.create(pending.token, false) : api.regenerate(pending.id, pending.name, pending.overlapSeconds ?? 0, false);
    action
      .then((token) => {
        show({ ...token, regenerated: pending.kind === "regenerate" });
        reload();
      })
      .catch((e) =>
        setResumeError(
          t(pending.kind === "create" ? "patResumeCreateFailed" : "patResumeRegenerateFailed", {
            name: pending.kind === "create" ? pending.token.name : pending.name,
            reason: e instanceof ApiError ? e.description : "",
          }),
        ),
      )
      .finally(() => setResuming(false));
  }, [api, t]);

  if (!tokens) {
    return (
      <Page title={t("personalAccessTokens")} description={t("patDescription")}>
        <Spinner aria-label={t("patLoading")} />
      </Page>
    );
  }

  const untested = untestedLineWarning(policy.keycloakLine);
  // the realm's limit is told before the form is filled: "6 of 6", and Create disabled with the reason
  const limit = policy.maxTokensPerUser;
  const atLimit = limit > 0 && tokens.length >= limit;
  const createButton = (
    <Button
      variant="primary"
      onClick={() => setCreating(true)}
      isAriaDisabled={atLimit}
      aria-describedby={atLimit ? "pat-limit-reason" : undefined}
      data-testid="pat-create"
    >
      {t("patCreate")}
    </Button>
  );

  return (
    <Page title={t("personalAccessTokens")} description={t("patDescription")}>
      <Stack hasGutter>
        {untested && (
          <StackItem>
            <UntestedLineBanner warning={untested} />
          </StackItem>
        )}
        {loadError && (
          <StackItem>
            <Alert variant="danger" isInline component="h2" title={loadError} data-testid="pat-load-error" />
          </StackItem>
        )}
        {resuming && (
          <StackItem>
            <Spinner size="md" aria-label={t("patResuming")} data-testid="pat-resuming" />
          </StackItem>
        )}
        {resumeError && (
          <StackItem>
            <Alert
              variant="danger"
              isInline
              isLiveRegion
              component="h2"
              title={resumeError}
              data-testid="pat-resume-error"
            />
          </StackItem>
        )}
        {shown.map((secret) => (
          // keyed by token: a regenerated secret replaces its token's old one in the same box (kept in place)
          <StackItem key={secret.id}>
            <NewTokenSecret
              token={secret}
              regenerated={!!secret.regenerated}
              onDismiss={() => {
                setShown((before) => before.filter((other) => other.token !== secret.token));
                // the closed box held the focus: it goes on to the next thing to do, not to <body>
                window.setTimeout(
                  () => document.querySelector<HTMLElement>("[data-testid='pat-create'], #pat-name")?.focus(),
                  100,
                );
              }}
            />
          </StackItem>
        ))}
        {creating ? (
          <StackItem>
            <CreateTokenForm
              scopes={scopes}
              policy={policy}
              existingNames={tokens.map((token) => token.name)}
              onCreated={(token) => {
                setCreating(false);
                show(token);
                reload();
              }}
              onCancel={() => setCreating(false)}
            />
          </StackItem>
        ) : (
          !loadError &&
          tokens.length > 0 && (
            <StackItem>
              <Flex alignItems={{ default: "alignItemsCenter" }}>
                <FlexItem>{createButton}</FlexItem>
                {limit > 0 && (
                  <FlexItem>
                    <span data-testid="pat-count">{t("patCount", { count: tokens.length, max: limit })}</span>
                  </FlexItem>
                )}
              </Flex>
              {atLimit && (
                <p id="pat-limit-reason" className="pf-v5-u-mt-sm" data-testid="pat-limit-reason">
                  {t("patLimitReached", { max: limit })}
                </p>
              )}
            </StackItem>
          )
        )}
        {!loadError && tokens.length === 0 && !creating && (
          <StackItem>
            <EmptyState data-testid="pat-empty">
              <EmptyStateHeader
                titleText={t("patEmptyTitle")}
                icon={<EmptyStateIcon icon={KeyIcon} />}
                headingLevel="h2"
              />
              <EmptyStateBody>{t("patEmptyBody")}</EmptyStateBody>
              <EmptyStateFooter>
                <EmptyStateActions>
                  {createButton}
                </EmptyStateActions>
              </EmptyStateFooter>
            </EmptyState>
          </StackItem>
        )}
        {tokens.length > 0 && (
          <StackItem>
            <TokenTable
              tokens={tokens}
              scopes={scopes}
              maxRotationOverlapSeconds={policy.maxRotationOverlapSeconds}
              onRegenerated={(token) => {
                show({ ...token, regenerated: true });
                reload();
              }}
              onDeleted={(id, index) => {
                setTokens(tokens.filter((token) => token.id !== id));
                setShown((before) => before.filter((secret) => secret.id !== id));
                setDeletedAt({ index: Math.max(0, index) });
              }}
            />
          </StackItem>
        )}
        <StackItem>
          <Guidance expanded={tokens.length === 0} />
        </StackItem>
      </Stack>
    </Page>
  );
};

import { useAccess, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { Alert, PageSection, Spinner, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ToastProvider } from "./alerts";
import { usePatApi } from "./api";
import { PolicyTab } from "./PolicyTab";
import { RequestsTab } from "./RequestsTab";
import { SetupTab } from "./SetupTab";
import { type PatTab, toPersonalAccessTokens } from "./routes";
import { usePatTranslation } from "./texts";
import { TokensTab } from "./TokensTab";
import { UntestedLineBanner } from "./UntestedLineBanner";
import { useApproverScopes } from "./useApproverScopes";
import { useKeycloakLine } from "./useKeycloakLine";

/**
 * #/{realm}/personal-access-tokens[/policy|/setup|/requests][?user={userId}]: the Tokens tab with view-users, Policy
 * and Setup with view-realm too, Requests for whoever may approve a scope. A user who may only approve (an approver
 * group's member without view-users) sees the Requests tab alone.
 */
export const PersonalAccessTokensSection = () => {
  const { t } = usePatTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { tab } = useParams<{ tab?: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const api = usePatApi();
  const mayViewTokens = hasAccess("view-users");
  const mayViewPolicy = mayViewTokens && hasAccess("view-realm");
  const approverScopes = useApproverScopes(api);
  const mayDecide = (approverScopes?.length ?? 0) > 0;
  const active: PatTab =
    (tab === "policy" || tab === "setup") && mayViewPolicy
      ? tab
      : (tab === "requests" || !mayViewTokens) && mayDecide
        ? "requests"
        : "tokens";
  const userId = search.get("user") ?? undefined;
  const line = useKeycloakLine(api, mayViewTokens);
  // PATs off on this Keycloak line: the tabs offer nothing the API refuses
  const patsOff = line?.patsOn === false;

  const intro = mayViewTokens ? t("pat.intro") : mayDecide ? t("pat.introApprover") : "";
  const header = <ViewHeader titleKey={t("pat.title")} subKey={<>{intro}</>} divider={false} noTranslate />;

  if (!mayViewTokens && !mayDecide) {
    // neither an admin who may see tokens nor an approver: what the console's AuthWall says, and why
    return (
      <>
        {header}
        <PageSection variant="light" data-testid="pat-page" data-access="none">
          {approverScopes === undefined ? (
            <Spinner aria-label={t("pat.loading")} />
          ) : (
            <Alert isInline variant="warning" title={t("pat.forbiddenNoApprovals")} data-testid="pat-forbidden" />
          )}
        </PageSection>
      </>
    );
  }

  return (
    <ToastProvider>
      {header}
      <PageSection
        variant="light"
        className="pf-v5-u-p-0"
        data-testid="pat-page"
        data-access={mayViewTokens ? "admin" : "approver"}
        data-pats-on={line ? String(line.patsOn) : undefined}
      >
        <UntestedLineBanner line={line} />
        <Tabs
          activeKey={active}
          onSelect={(_event, key) =>
            navigate(toPersonalAccessTokens(realm, { tab: key as PatTab, userId: key === "tokens" ? userId : undefined }))
          }
          isBox={false}
          inset={{ default: "insetLg" }}
          mountOnEnter
          unmountOnExit
        >
          {mayViewTokens && (
            <Tab
              eventKey="tokens"
              data-testid="pat-tab-tokens"
              title={<TabTitleText>{t("pat.tabTokens")}</TabTitleText>}
            >
              <TokensTab key={`${realm}/${userId ?? ""}`} initialUserId={userId} patsOff={patsOff} />
            </Tab>
          )}
          {mayDecide && (
            <Tab
              eventKey="requests"
              data-testid="pat-tab-requests"
              title={<TabTitleText>{t("pat.tabRequests")}</TabTitleText>}
            >
              <RequestsTab key={realm} scopes={approverScopes ?? []} />
            </Tab>
          )}
          {mayViewPolicy && (
            <Tab
              eventKey="policy"
              data-testid="pat-tab-policy"
              title={<TabTitleText>{t("pat.tabPolicy")}</TabTitleText>}
            >
              <PolicyTab key={realm} />
            </Tab>
          )}
          {mayViewPolicy && (
            <Tab
              eventKey="setup"
              data-testid="pat-tab-setup"
              title={<TabTitleText>{t("pat.tabSetup")}</TabTitleText>}
            >
              <SetupTab key={realm} patsOff={patsOff} />
            </Tab>
          )}
        </Tabs>
      </PageSection>
    </ToastProvider>
  );
};

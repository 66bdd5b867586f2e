import { useAccess, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { PageSection, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ToastProvider } from "./alerts";
import { usePatApi } from "./api";
import { PolicyTab } from "./PolicyTab";
import { SetupTab } from "./SetupTab";
import { type PatTab, toPersonalAccessTokens } from "./routes";
import { usePatTranslation } from "./texts";
import { TokensTab } from "./TokensTab";
import { UntestedLineBanner } from "./UntestedLineBanner";
import { useKeycloakLine } from "./useKeycloakLine";

/** #/{realm}/personal-access-tokens[/policy][?user={userId}] */
export const PersonalAccessTokensSection = () => {
  const { t } = usePatTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { tab } = useParams<{ tab?: string }>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const mayViewPolicy = hasAccess("view-realm");
  const active: PatTab = (tab === "policy" || tab === "setup") && mayViewPolicy ? tab : "tokens";
  const userId = search.get("user") ?? undefined;
  const line = useKeycloakLine(usePatApi());
  // PATs off on this Keycloak line: the tabs offer nothing the API refuses
  const patsOff = line?.patsOn === false;

  return (
    <ToastProvider>
      <ViewHeader titleKey={t("pat.title")} subKey={<>{t("pat.intro")}</>} divider={false} noTranslate />
      <PageSection
        variant="light"
        className="pf-v5-u-p-0"
        data-testid="pat-page"
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
          <Tab
            eventKey="tokens"
            data-testid="pat-tab-tokens"
            title={<TabTitleText>{t("pat.tabTokens")}</TabTitleText>}
          >
            <TokensTab key={`${realm}/${userId ?? ""}`} initialUserId={userId} patsOff={patsOff} />
          </Tab>
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

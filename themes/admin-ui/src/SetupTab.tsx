import { useAccess } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  AlertVariant,
  Button,
  Checkbox,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  PageSection,
  Spinner,
  Stack,
  StackItem,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useToast } from "./alerts";
import { errorText, type Finding, usePatApi } from "./api";
import { usePatTranslation } from "./texts";

/**
 * The realm's PAT health check (GET /setup) and the one step that turns PATs on safely (POST /setup), not offered while
 * PATs are off on this Keycloak line (the API refuses it; the check's finding says why).
 */
export const SetupTab = ({ patsOff = false }: { patsOff?: boolean }) => {
  const { t } = usePatTranslation();
  const { hasAccess } = useAccess();
  const api = usePatApi();
  const toast = useToast();
  const mayRepair = !patsOff && hasAccess("manage-realm") && hasAccess("manage-clients");
  const [findings, setFindings] = useState<Finding[]>();
  const [changes, setChanges] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [accountTheme, setAccountTheme] = useState(true);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.health().then((answer) => setFindings(answer.findings), (e) => setError(errorText(e)));
  }, [api]);

  const repair = async () => {
    setBusy(true);
    try {
      const answer = await api.setup(accountTheme);
      setFindings(answer.findings);
      setChanges(answer.changes);
      toast(answer.changes.length ? t("pat.setupDone", { count: answer.changes.length }) : t("pat.setupNothing"));
    } catch (e) {
      toast(errorText(e), AlertVariant.danger);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert variant="danger" isInline title={error} data-testid="pat-setup-error" />;
  if (!findings) return <Spinner aria-label={t("pat.loading")} />;

  return (
    <PageSection variant="light" data-testid="pat-setup">
      <Stack hasGutter>
        <StackItem>{t("pat.setupIntro")}</StackItem>
        {findings.every((finding) => finding.level === "info") && (
          <StackItem>
            <EmptyState variant="sm" data-testid="pat-setup-healthy">
              <EmptyStateHeader titleText={t("pat.setupHealthy")} headingLevel="h2" />
              <EmptyStateBody>{t("pat.setupHealthyBody")}</EmptyStateBody>
            </EmptyState>
          </StackItem>
        )}
        {findings.length > 0 && (
          <StackItem>
            <DataList aria-label={t("pat.setupFindings")} data-testid="pat-setup-findings">
              {findings.map((finding) => (
                <DataListItem
                  key={finding.code}
                  data-testid="pat-setup-finding"
                  data-code={finding.code}
                  data-level={finding.level}
                >
                  <DataListItemRow>
                    <DataListItemCells
                      dataListCells={[
                        <DataListCell key="code" width={1}>
                          <code>{finding.code}</code>
                        </DataListCell>,
                        <DataListCell key="text" width={5}>
                          <div>{finding.message}</div>
                          <small className="pf-v5-u-color-200">{finding.fix}</small>
                        </DataListCell>,
                      ]}
                    />
                  </DataListItemRow>
                </DataListItem>
              ))}
            </DataList>
          </StackItem>
        )}
        {mayRepair && (
          <StackItem>
            <Checkbox
              id="pat-setup-account-theme"
              data-testid="pat-setup-account-theme"
              label={t("pat.setupAccountTheme")}
              isChecked={accountTheme}
              onChange={(_event, checked) => setAccountTheme(checked)}
            />
            <Button className="pf-v5-u-mt-md" onClick={repair} isLoading={busy} isDisabled={busy} data-testid="pat-setup-run">
              {t("pat.setupRun")}
            </Button>
          </StackItem>
        )}
        {changes && changes.length > 0 && (
          <StackItem>
            <Alert variant="info" isInline title={t("pat.setupChanges")} data-testid="pat-setup-changes">
              <ul>
                {changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </Alert>
          </StackItem>
        )}
      </Stack>
    </PageSection>
  );
};

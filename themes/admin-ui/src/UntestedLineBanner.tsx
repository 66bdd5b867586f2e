import { Alert } from "@patternfly/react-core";
import { untestedLineWarning } from "../../shared/keycloakLine";
import type { KeycloakLineStatus } from "./api";
import { usePatTranslation } from "./texts";

/** Above every tab of the page while PATs run on a Keycloak line this release is not tested on, by the admin's option. */
export const UntestedLineBanner = ({ line }: { line?: KeycloakLineStatus }) => {
  const { t } = usePatTranslation();
  const warning = untestedLineWarning(line);
  if (!warning) return null;
  return (
    <Alert
      isInline
      variant="warning"
      className="pf-v5-u-mx-lg pf-v5-u-mt-md"
      title={t("pat.untestedLineTitle", warning)}
      data-testid="pat-untested-line"
    >
      {t("pat.untestedLine", warning)}
    </Alert>
  );
};

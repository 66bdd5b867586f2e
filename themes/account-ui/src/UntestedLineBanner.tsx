import { Alert } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";
import type { untestedLineWarning } from "../../shared/keycloakLine";

type Warning = NonNullable<ReturnType<typeof untestedLineWarning>>;

/** The warning while PATs run on a Keycloak line this release is not tested on, by the admin's option. */
export const UntestedLineBanner = ({ warning }: { warning: Warning }) => {
  const { t } = useTranslation();
  return (
    <Alert variant="warning" isInline component="h2" title={t("patUntestedLineTitle")} data-testid="pat-untested-line">
      {t("patUntestedLine", warning)}
    </Alert>
  );
};

import { Button, Text, Title } from "@patternfly/react-core";
import { usePatTranslation } from "./texts";

/** Realm-wide and final: "Revoke all tokens of the realm", kept away from the everyday actions of the toolbar. */
export const DangerZone = ({ onRevokeAll }: { onRevokeAll: () => void }) => {
  const { t } = usePatTranslation();
  return (
    <section className="pat-danger-zone pf-v5-u-m-md pf-v5-u-p-md" data-testid="pat-danger-zone" aria-labelledby="pat-danger-zone-title">
      <Title headingLevel="h2" size="lg" id="pat-danger-zone-title">
        {t("pat.dangerZone")}
      </Title>
      <Text className="pf-v5-u-mb-md pf-v5-u-color-200">{t("pat.dangerZoneIntro")}</Text>
      <div className="pat-danger-zone__action">
        <div>
          <strong>{t("pat.revokeAll")}</strong>
          <Text>{t("pat.revokeAllHelp")}</Text>
        </div>
        <Button variant="danger" data-testid="pat-revoke-all" onClick={onRevokeAll}>
          {t("pat.revokeAll")}
        </Button>
      </div>
    </section>
  );
};

import { ExpandableSection, List, ListItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** How to keep tokens safe, in the console's own words. */
export const Guidance = () => {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(true);
  return (
    <ExpandableSection
      toggleText={t("patGuidanceTitle")}
      isExpanded={expanded}
      onToggle={(_event, value) => setExpanded(value)}
      data-testid="pat-guidance"
    >
      <List>
        <ListItem>{t("patGuidancePassword")}</ListItem>
        <ListItem>{t("patGuidanceScopes")}</ListItem>
        <ListItem>{t("patGuidanceOnePerApp")}</ListItem>
        <ListItem>{t("patGuidanceLeaked")}</ListItem>
        <ListItem>{t("patGuidanceNames")}</ListItem>
      </List>
    </ExpandableSection>
  );
};

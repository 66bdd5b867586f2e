import { ExpandableSection, List, ListItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** How to keep tokens safe, in the console's own words; open at first, collapsed once the user has tokens. */
export const Guidance = ({ expanded: initially }: { expanded: boolean }) => {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(initially);
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

import {
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  EmptyStateHeader,
  EmptyStateIcon,
  EmptyStateVariant,
} from "@patternfly/react-core";
import { KeyIcon, SearchIcon } from "@patternfly/react-icons";
import { usePatTranslation } from "./texts";

type Props = { filtered: boolean; onClearFilters: () => void; onCreateBot?: () => void };

/** No token to show: none in the realm (with "Create bot token" for who may), or none matching the filter. */
export const TokensEmptyState = ({ filtered, onClearFilters, onCreateBot }: Props) => {
  const { t } = usePatTranslation();
  return (
    <EmptyState variant={EmptyStateVariant.lg} data-testid="pat-empty" data-filtered={String(filtered)}>
      <EmptyStateHeader
        titleText={filtered ? t("pat.emptyFilteredTitle") : t("pat.emptyTitle")}
        icon={<EmptyStateIcon icon={filtered ? SearchIcon : KeyIcon} />}
        headingLevel="h2"
      />
      <EmptyStateBody>{filtered ? t("pat.emptyFilteredBody") : t("pat.emptyBody")}</EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          {filtered ? (
            <Button variant="link" onClick={onClearFilters}>
              {t("pat.clearFilters")}
            </Button>
          ) : (
            onCreateBot && (
              <Button variant="primary" onClick={onCreateBot}>
                {t("pat.createBot")}
              </Button>
            )
          )}
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
};

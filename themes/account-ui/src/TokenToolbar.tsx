import { SearchInput, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Props = { search: string; onSearch: (value: string) => void; pagination: ReactNode };

/** Above the token table: the search by name, and the pages. */
export const TokenToolbar = ({ search, onSearch, pagination }: Props) => {
  const { t } = useTranslation();
  return (
    <Toolbar data-testid="pat-toolbar" clearAllFilters={() => onSearch("")}>
      <ToolbarContent>
        <ToolbarItem variant="search-filter">
          <SearchInput
            aria-label={t("patSearch")}
            placeholder={t("patSearch")}
            value={search}
            onChange={(_event, value) => onSearch(value)}
            onClear={() => onSearch("")}
            data-testid="pat-search"
          />
        </ToolbarItem>
        <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
          {pagination}
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
};

import {
  Alert,
  Button,
  DatePicker,
  Label,
  Pagination,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { SearchIcon } from "@patternfly/react-icons";
import type { FormEvent, ReactNode } from "react";
import { usePatTranslation } from "./texts";
import type { TokenFilterState } from "./useTokenFilter";

const PER_PAGE = [10, 20, 50, 100];

type Props = {
  filter: TokenFilterState;
  onApply: (event: FormEvent) => void;
  onClear: () => void;
  /** the buttons beside the filter ("Create bot token", "Revoke all tokens of this user"), as the admin may */
  actions: ReactNode;
  paging: { first: number; max: number; itemCount: number; onFirst: (first: number) => void; onMax: (max: number) => void };
};

/** Above the tokens table: the filter by user, expiry and last use, the actions beside it, and the pages. */
export const TokenFilterToolbar = ({ filter, onApply, onClear, actions, paging }: Props) => {
  const { t } = usePatTranslation();
  const { first, max, itemCount, onFirst, onMax } = paging;
  return (
    <Toolbar data-testid="pat-toolbar">
      <ToolbarContent>
        <form onSubmit={onApply} style={{ display: "contents" }}>
          <ToolbarGroup variant="filter-group">
            <ToolbarItem>
              <TextInput
                type="search"
                aria-label={t("pat.filterUser")}
                placeholder={t("pat.filterUserPlaceholder")}
                title={t("pat.filterUserHelp")}
                data-testid="pat-filter-user"
                value={filter.inputs.user}
                onChange={(_event, value) => filter.setUserInput(value)}
                customIcon={<SearchIcon />}
              />
            </ToolbarItem>
            <DateFilter id="pat-filter-expires-before" label={t("pat.filterExpiresBefore")}
              placeholder={t("pat.filterDatePlaceholder")} value={filter.inputs.expires} onChange={filter.setExpiresInput} />
            <DateFilter id="pat-filter-unused-since" label={t("pat.filterUnusedSince")}
              placeholder={t("pat.filterDatePlaceholder")} value={filter.inputs.unused} onChange={filter.setUnusedInput} />
            <ToolbarItem>
              <Button type="submit" variant="control" data-testid="pat-filter-apply">
                {t("pat.filterApply")}
              </Button>
            </ToolbarItem>
            {filter.filtered && (
              <ToolbarItem>
                <Button variant="link" onClick={onClear} data-testid="pat-filter-clear">
                  {t("pat.clearFilters")}
                </Button>
              </ToolbarItem>
            )}
          </ToolbarGroup>
        </form>
        <ToolbarGroup>{actions}</ToolbarGroup>
        <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
          <Pagination
            data-testid="pat-pagination"
            isCompact
            itemCount={itemCount}
            perPage={max}
            page={Math.floor(first / max) + 1}
            perPageOptions={PER_PAGE.map((value) => ({ title: String(value), value }))}
            onSetPage={(_event, newPage) => onFirst((newPage - 1) * max)}
            onPerPageSelect={(_event, perPage) => onMax(perPage)}
            toggleTemplate={({ firstIndex, lastIndex }) => (
              <b>
                {firstIndex} - {lastIndex}
              </b>
            )}
          />
        </ToolbarItem>
      </ToolbarContent>
      {filter.error && <Alert isInline isPlain variant="danger" title={filter.error} data-testid="pat-filter-error" />}
      {filter.applied.userId && (
        <Label className="pf-v5-u-ml-md" color="blue" data-testid="pat-filtered-user" onClose={onClear}>
          {t("pat.filteredByUser", { username: filter.appliedUsername })}
        </Label>
      )}
    </Toolbar>
  );
};

type DateFilterProps = { id: string; label: string; placeholder: string; value: string; onChange: (value: string) => void };

/** A labelled date of the filter toolbar; its input carries the id as test id. */
const DateFilter = ({ id, label, placeholder, value, onChange }: DateFilterProps) => (
  <ToolbarItem alignItems="center">
    <label className="pf-v5-u-mr-sm pf-v5-u-font-size-sm" htmlFor={id}>
      {label}
    </label>
    <DatePicker
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(_event, next) => onChange(next)}
      inputProps={{ id, "data-testid": id } as never}
      buttonAriaLabel={label}
    />
  </ToolbarItem>
);

import { useAccountAlerts } from "@keycloak/keycloak-account-ui";
import {
  Button,
  Dropdown,
  DropdownItem,
  DropdownList,
  Label,
  LabelGroup,
  MenuToggle,
  Pagination,
  PaginationVariant,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { EllipsisVIcon } from "@patternfly/react-icons";
import { type ISortBy, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type CreatedToken, type Scope, type Token, usePersonalAccessTokensApi } from "./api";
import { ConfirmTokenAction } from "./ConfirmTokenAction";
import { RegenerateTokenDialog } from "./RegenerateTokenDialog";
import { DAY, EXPIRES_SOON_DAYS } from "./expiry";
import { formatDate, fromSeconds } from "./formatDate";
import { ScopeList, scopeTexts } from "./ScopeLabel";

type Props = {
  tokens: Token[];
  /** the realm's selectable scopes, for their consent texts */
  scopes: Scope[];
  /** the realm's limit for a regenerate's overlap, as its policy says */
  maxRotationOverlapSeconds?: number;
  /** `index`: where the token stood in the rows shown, so the focus can go to its neighbour */
  onDeleted: (id: string, index: number) => void;
  onRegenerated: (token: CreatedToken) => void;
};

/** Columns that sort, by their index. */
const NAME = 0;
const CREATED = 2;
const EXPIRES = 3;
const LAST_USED = 4;

const sortValue = (token: Token, column: number): number | string => {
  switch (column) {
    case NAME:
      return token.name.toLocaleLowerCase();
    case CREATED:
      return token.createdAt;
    case EXPIRES:
      return token.expiresAt ?? Number.POSITIVE_INFINITY; // never expires: last
    case LAST_USED:
      return token.lastUsedAt ?? Number.NEGATIVE_INFINITY; // never used: first
    default:
      return 0;
  }
};

/**
 * The user's tokens: search by name, sortable columns, pages, status labels and, per row, a menu with regenerate
 * and a confirmed delete that takes effect at once.
 */
export const TokenTable = ({ tokens, scopes, maxRotationOverlapSeconds, onDeleted, onRegenerated }: Props) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAccountAlerts();
  const api = usePersonalAccessTokensApi();
  const [toDelete, setToDelete] = useState<Token>();
  const [toRegenerate, setToRegenerate] = useState<Token>();
  const [busy, setBusy] = useState(false);
  const [regenerateError, setRegenerateError] = useState<{ title: string; description?: string }>();
  const [search, setSearch] = useState("");
  const [sortBy, setSortBy] = useState<ISortBy>({});
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(10);

  const date = (seconds: number) => formatDate(fromSeconds(seconds));
  const texts = useMemo(() => scopeTexts(scopes), [scopes]);
  const now = Date.now() / 1000;

  const found = useMemo(() => {
    const term = search.trim().toLocaleLowerCase();
    const matching = term ? tokens.filter((token) => token.name.toLocaleLowerCase().includes(term)) : tokens;
    if (sortBy.index === undefined) return matching;
    const column = sortBy.index;
    const sign = sortBy.direction === "desc" ? -1 : 1;
    return [...matching].sort((a, b) => {
      const x = sortValue(a, column);
      const y = sortValue(b, column);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }, [tokens, search, sortBy]);

  // a page emptied by a delete or a search shows the last page there still is
  const pages = Math.max(1, Math.ceil(found.length / perPage));
  const shownPage = Math.min(page, pages);
  const shown = found.slice((shownPage - 1) * perPage, shownPage * perPage);

  const sort = (columnIndex: number) => ({
    sortBy,
    columnIndex,
    onSort: (_event: unknown, index: number, direction: "asc" | "desc") => {
      setSortBy({ index, direction });
      setPage(1);
    },
  });

  const confirmDelete = async () => {
    if (!toDelete) return;
    setBusy(true);
    try {
      await api.remove(toDelete.id);
      onDeleted(toDelete.id, shown.findIndex((token) => token.id === toDelete.id));
      addAlert(t("patDeleted"));
    } catch (e) {
      addError(t("patDeleteFailed"), e);
    } finally {
      setBusy(false);
      setToDelete(undefined);
    }
  };

  const confirmRegenerate = async (overlapSeconds: number) => {
    if (!toRegenerate) return;
    setBusy(true);
    setRegenerateError(undefined);
    try {
      onRegenerated(await api.regenerate(toRegenerate.id, toRegenerate.name, overlapSeconds));
      setToRegenerate(undefined);
    } catch (e) {
      // shown in the dialog, which stays open, with the server's reason (such as a client not allowed to mint)
      setRegenerateError({
        title: t("patRegenerateFailed"),
        description: e instanceof ApiError ? e.description : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  const closeRegenerate = () => {
    setToRegenerate(undefined);
    setRegenerateError(undefined);
  };

  const pagination = (variant: "top" | "bottom") => (
    <Pagination
      itemCount={found.length}
      page={shownPage}
      perPage={perPage}
      onSetPage={(_event, value) => setPage(value)}
      onPerPageSelect={(_event, value) => {
        setPerPage(value);
        setPage(1);
      }}
      perPageOptions={[
        { title: "10", value: 10 },
        { title: "20", value: 20 },
        { title: "50", value: 50 },
        { title: "100", value: 100 },
      ]}
      variant={variant === "top" ? PaginationVariant.top : PaginationVariant.bottom}
      isCompact={variant === "top"}
      widgetId={`pat-pagination-${variant}`}
      titles={{ paginationAriaLabel: t(variant === "top" ? "patPagingTop" : "patPagingBottom") }}
      data-testid={`pat-pagination-${variant}`}
    />
  );

  return (
    <>
      <Toolbar data-testid="pat-toolbar" clearAllFilters={() => setSearch("")}>
        <ToolbarContent>
          <ToolbarItem variant="search-filter">
            <SearchInput
              aria-label={t("patSearch")}
              placeholder={t("patSearch")}
              value={search}
              onChange={(_event, value) => {
                setSearch(value);
                setPage(1);
              }}
              onClear={() => {
                setSearch("");
                setPage(1);
              }}
              data-testid="pat-search"
            />
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            {pagination("top")}
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <Table aria-label={t("personalAccessTokens")} variant="compact" data-testid="pat-table">
        <Thead>
          <Tr>
            <Th sort={sort(NAME)} width={30}>
              {t("patColumnName")}
            </Th>
            <Th>{t("patColumnScopes")}</Th>
            <Th sort={sort(CREATED)} modifier="wrap">{t("patColumnCreated")}</Th>
            <Th sort={sort(EXPIRES)} modifier="wrap" data-testid="pat-sort-expires">
              {t("patColumnExpires")}
            </Th>
            <Th sort={sort(LAST_USED)} modifier="wrap" data-testid="pat-sort-last-used">
              {t("patColumnLastUsed")}
            </Th>
            <Th screenReaderText={t("patColumnActions")} />
          </Tr>
        </Thead>
        <Tbody>
          {shown.length === 0 && (
            <Tr>
              <Td colSpan={6} data-testid="pat-no-match">
                {t("patNoMatch")}{" "}
                <Button variant="link" isInline onClick={() => setSearch("")}>
                  {t("patClearSearch")}
                </Button>
              </Td>
            </Tr>
          )}
          {shown.map((token) => {
            const expired = token.expiresAt !== null && token.expiresAt <= now;
            const soon = !expired && token.expiresAt !== null && token.expiresAt - now <= EXPIRES_SOON_DAYS * DAY;
            return (
              <Tr key={token.id} data-testid="pat-row" data-token-id={token.id}>
                <Td dataLabel={t("patColumnName")} modifier="breakWord">
                  <div data-testid="pat-row-name" style={{ overflowWrap: "anywhere" }}>
                    {token.name}
                  </div>
                  <small className="pf-v5-u-color-200">{token.hint}</small>
                  {token.selfRotate && (
                    <div>
                      <Label isCompact color="blue" data-testid="pat-row-self-rotate">
                        {t("patSelfRotateShort")}
                      </Label>
                    </div>
                  )}
                </Td>
                <Td dataLabel={t("patColumnScopes")}>
                  {token.scopes.length === 0 ? (
                    <span className="pf-v5-u-color-200">{t("patNoScopesChosen")}</span>
                  ) : (
                    <ScopeList names={token.scopes} texts={texts} />
                  )}
                </Td>
                <Td dataLabel={t("patColumnCreated")} data-testid="pat-row-created">
                  {date(token.createdAt)}
                </Td>
                <Td dataLabel={t("patColumnExpires")} data-testid="pat-row-expires">
                  <div>{token.expiresAt === null ? t("patNever") : date(token.expiresAt)}</div>
                  {(expired || soon || token.expiryCutByPolicy) && (
                    <LabelGroup>
                      {expired && (
                        <Label isCompact color="red" data-testid="pat-row-expired">
                          {t("patExpired")}
                        </Label>
                      )}
                      {soon && (
                        <Label isCompact color="orange" data-testid="pat-row-expires-soon">
                          {t("patExpiresSoon")}
                        </Label>
                      )}
                      {token.expiryCutByPolicy && (
                        <Label isCompact color="grey" data-testid="pat-row-cut-by-policy">
                          {t("patExpiryCutByPolicy")}
                        </Label>
                      )}
                    </LabelGroup>
                  )}
                  {token.previousSecretExpiresAt != null && token.previousSecretExpiresAt > now && (
                    <div>
                      <small className="pf-v5-u-color-200" data-testid="pat-row-previous-secret">
                        {t("patPreviousSecretUntil", { date: date(token.previousSecretExpiresAt) })}
                      </small>
                    </div>
                  )}
                </Td>
                <Td dataLabel={t("patColumnLastUsed")} data-testid="pat-row-last-used">
                  {token.lastUsedAt === null ? t("patNever") : date(token.lastUsedAt)}
                </Td>
                <Td isActionCell>
                  <RowActions
                    token={token}
                    onRegenerate={() => setToRegenerate(token)}
                    onDelete={() => setToDelete(token)}
                  />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {found.length > perPage && pagination("bottom")}
      {toRegenerate && (
        <RegenerateTokenDialog
          token={toRegenerate}
          maxRotationOverlapSeconds={maxRotationOverlapSeconds}
          busy={busy}
          error={regenerateError}
          onConfirm={confirmRegenerate}
          onCancel={closeRegenerate}
        />
      )}
      {toDelete && (
        <ConfirmTokenAction
          action="delete"
          title={t("patDeleteTitle")}
          question={t("patDeleteQuestion")}
          consequence={t("patDeleteConsequence")}
          confirmLabel={t("patDelete")}
          tokenName={toDelete.name}
          busy={busy}
          onConfirm={confirmDelete}
          onCancel={() => setToDelete(undefined)}
        />
      )}
    </>
  );
};

/** A row's actions in a kebab menu, named after the token ("Actions for CI pipeline", "Delete CI pipeline"). */
const RowActions = ({ token, onRegenerate, onDelete }: { token: Token; onRegenerate: () => void; onDelete: () => void }) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      popperProps={{ position: "right" }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plain"
          isExpanded={open}
          onClick={() => setOpen(!open)}
          aria-label={t("patActionsFor", { name: token.name })}
          data-testid="pat-actions"
        >
          <EllipsisVIcon />
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem onClick={onRegenerate} data-testid="pat-regenerate">
          {t("patRegenerate")}
          <span className="pf-v5-screen-reader"> {token.name}</span>
        </DropdownItem>
        <DropdownItem onClick={onDelete} isDanger data-testid="pat-delete">
          {t("patDelete")}
          <span className="pf-v5-screen-reader"> {token.name}</span>
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};

import { Button } from "@patternfly/react-core";
import { type ISortBy, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedToken, Scope, Token } from "./api";
import { scopeTexts } from "./ScopeLabel";
import { TokenDialogs } from "./TokenDialogs";
import { TokenPagination } from "./TokenPagination";
import { TokenRow } from "./TokenRow";
import { CREATED, EXPIRES, LAST_USED, NAME, searchAndSort } from "./tokenSort";
import { TokenToolbar } from "./TokenToolbar";

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

/**
 * The user's tokens: search by name, sortable columns, pages, status labels and, per row, a menu with regenerate
 * and a confirmed delete that takes effect at once.
 */
export const TokenTable = ({ tokens, scopes, maxRotationOverlapSeconds, onDeleted, onRegenerated }: Props) => {
  const { t } = useTranslation();
  const [toDelete, setToDelete] = useState<Token>();
  const [toRegenerate, setToRegenerate] = useState<Token>();
  const [search, setSearch] = useState("");
  const [sortBy, setSortBy] = useState<ISortBy>({});
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(10);

  const texts = useMemo(() => scopeTexts(scopes), [scopes]);
  const now = Date.now() / 1000;
  const found = useMemo(() => searchAndSort(tokens, search, sortBy), [tokens, search, sortBy]);

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

  const searchFor = (value: string) => {
    setSearch(value);
    setPage(1);
  };

  const pagination = (variant: "top" | "bottom") => (
    <TokenPagination
      variant={variant}
      itemCount={found.length}
      page={shownPage}
      perPage={perPage}
      onSetPage={setPage}
      onPerPageSelect={(value) => {
        setPerPage(value);
        setPage(1);
      }}
    />
  );

  return (
    <>
      <TokenToolbar search={search} onSearch={searchFor} pagination={pagination("top")} />
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
          {shown.map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              texts={texts}
              now={now}
              onRegenerate={() => setToRegenerate(token)}
              onDelete={() => setToDelete(token)}
            />
          ))}
        </Tbody>
      </Table>
      {found.length > perPage && pagination("bottom")}
      <TokenDialogs
        toDelete={toDelete}
        toRegenerate={toRegenerate}
        maxRotationOverlapSeconds={maxRotationOverlapSeconds}
        onClose={() => {
          setToDelete(undefined);
          setToRegenerate(undefined);
        }}
        onDeleted={(token) => onDeleted(token.id, shown.findIndex((row) => row.id === token.id))}
        onRegenerated={onRegenerated}
      />
    </>
  );
};

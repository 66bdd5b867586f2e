import type { ISortBy } from "@patternfly/react-table";
import type { Token } from "./api";

/** Columns that sort, by their index in the table. */
export const NAME = 0;
export const CREATED = 2;
export const EXPIRES = 3;
export const LAST_USED = 4;

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

/** The tokens whose name contains the search term (case-insensitive), in the order the table is sorted by. */
export function searchAndSort(tokens: Token[], search: string, sortBy: ISortBy): Token[] {
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
}

import { Pagination, PaginationVariant } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

type Props = {
  variant: "top" | "bottom";
  itemCount: number;
  page: number;
  perPage: number;
  onSetPage: (page: number) => void;
  onPerPageSelect: (perPage: number) => void;
};

const PER_PAGE = [10, 20, 50, 100].map((value) => ({ title: String(value), value }));

/** The pages of the token table: compact above it, full below it. */
export const TokenPagination = ({ variant, itemCount, page, perPage, onSetPage, onPerPageSelect }: Props) => {
  const { t } = useTranslation();
  return (
    <Pagination
      itemCount={itemCount}
      page={page}
      perPage={perPage}
      onSetPage={(_event, value) => onSetPage(value)}
      onPerPageSelect={(_event, value) => onPerPageSelect(value)}
      perPageOptions={PER_PAGE}
      variant={variant === "top" ? PaginationVariant.top : PaginationVariant.bottom}
      isCompact={variant === "top"}
      widgetId={`pat-pagination-${variant}`}
      titles={{ paginationAriaLabel: t(variant === "top" ? "patPagingTop" : "patPagingBottom") }}
      data-testid={`pat-pagination-${variant}`}
    />
  );
};

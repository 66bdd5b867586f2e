import { useAccess } from "@keycloak/keycloak-admin-ui";
import { Alert, Button, PageSection, Spinner, ToolbarItem } from "@patternfly/react-core";
import { type FormEvent, useEffect, useState } from "react";
import { AdminTokenTable } from "./AdminTokenTable";
import { type AdminToken, ApiError, errorText, usePatApi } from "./api";
import { BotRegenerateDialog } from "./BotRegenerateDialog";
import { BotTokenDialog } from "./BotTokenDialog";
import { DangerZone } from "./DangerZone";
import { useScopeTexts } from "./scopes";
import { TokenFilterToolbar } from "./TokenFilterToolbar";
import { TokensEmptyState } from "./TokensEmptyState";
import { usePatTranslation } from "./texts";
import { useRevocations } from "./useRevocations";
import { useTokenFilter } from "./useTokenFilter";
import { isOffOnThisLine } from "../../shared/keycloakLine";

/**
 * The realm's tokens, filtered and paged like the console's own tables (first/max, one row fetched ahead). While PATs
 * are off on this Keycloak line (`patsOff`, or the list's own answer) it offers none of the actions the API refuses.
 */
export const TokensTab = ({ initialUserId, patsOff = false }: { initialUserId?: string; patsOff?: boolean }) => {
  const { t } = usePatTranslation();
  const { hasAccess } = useAccess();
  const api = usePatApi();
  const [loadError, setLoadError] = useState<unknown>();
  const off = patsOff || isOffOnThisLine(loadError);
  const mayManage = !off && hasAccess("manage-users");
  const mayCreateBot = !off && hasAccess("manage-users", "manage-clients");
  const filter = useTokenFilter(api, t, initialUserId);

  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(10);
  const [rows, setRows] = useState<AdminToken[]>();
  const [hasMore, setHasMore] = useState(false);
  const [reload, setReload] = useState(0);
  const [botOpen, setBotOpen] = useState(false);
  const [toRegenerate, setToRegenerate] = useState<AdminToken>();
  const scopeTexts = useScopeTexts(api, t);

  useEffect(() => {
    let live = true;
    setRows(undefined);
    setLoadError(undefined);
    const { username: _ignored, ...query } = filter.applied;
    api
      .list(query, first, max + 1)
      .then((tokens) => {
        if (!live) return;
        setHasMore(tokens.length > max);
        setRows(tokens.slice(0, max));
      })
      .catch((error) => {
        if (!live) return;
        setLoadError(error);
        setRows([]);
      });
    return () => {
      live = false;
    };
  }, [api, filter.applied, first, max, reload]);

  const again = () => setReload((n) => n + 1);
  const fromTheStart = () => {
    setFirst(0);
    again();
  };
  const revocations = useRevocations(
    api,
    { id: filter.applied.userId, name: filter.appliedUsername },
    {
      // a page emptied by the revocation shows the one before it
      token: () => (rows && rows.length <= 1 && first > 0 ? setFirst(Math.max(0, first - max)) : again()),
      all: fromTheStart,
    },
  );

  const apply = async (event: FormEvent) => {
    if (await filter.apply(event)) setFirst(0);
  };
  const clearFilters = () => {
    filter.clear();
    setFirst(0);
  };

  const actions = (
    <>
      {mayCreateBot && (
        <ToolbarItem>
          <Button variant="primary" data-testid="pat-create-bot" onClick={() => setBotOpen(true)}>
            {t("pat.createBot")}
          </Button>
        </ToolbarItem>
      )}
      {mayManage && filter.applied.userId && (
        <ToolbarItem>
          <Button variant="secondary" isDanger data-testid="pat-revoke-user" onClick={revocations.revokeUser}>
            {t("pat.revokeUser")}
          </Button>
        </ToolbarItem>
      )}
    </>
  );

  // PATs off on this Keycloak line: the server's own words (which version, which lines are tested, what to do)
  const loadErrorTitle = () =>
    isOffOnThisLine(loadError)
      ? loadError.description
      : loadError instanceof ApiError && loadError.status === 403
        ? t("pat.forbidden")
        : loadError instanceof ApiError && loadError.error === "not_enabled"
          ? t("pat.notEnabled")
          : t("pat.loadError", { error: errorText(loadError) });

  return (
    <PageSection variant="light" className="pf-v5-u-p-0">
      <TokenFilterToolbar
        filter={filter}
        onApply={apply}
        onClear={clearFilters}
        actions={actions}
        paging={{
          first,
          max,
          itemCount: first + (rows?.length ?? 0) + (hasMore ? 1 : 0),
          onFirst: setFirst,
          onMax: (perPage) => {
            setMax(perPage);
            setFirst(0);
          },
        }}
      />
      {loadError !== undefined && (
        <Alert isInline variant="danger" className="pf-v5-u-mx-md pf-v5-u-mb-md" data-testid="pat-error" title={loadErrorTitle()} />
      )}
      {rows === undefined ? (
        <div className="pf-v5-u-text-align-center pf-v5-u-p-xl">
          <Spinner aria-label={t("pat.loading")} data-testid="pat-loading" />
        </div>
      ) : rows.length === 0 && first === 0 ? (
        loadError === undefined && (
          <TokensEmptyState
            filtered={filter.filtered}
            onClearFilters={clearFilters}
            onCreateBot={mayCreateBot ? () => setBotOpen(true) : undefined}
          />
        )
      ) : (
        <AdminTokenTable
          rows={rows}
          scopeTexts={scopeTexts}
          mayManage={mayManage}
          mayRegenerateBots={mayCreateBot}
          onRevoke={revocations.revoke}
          onRegenerate={setToRegenerate}
        />
      )}
      {mayManage && <DangerZone onRevokeAll={revocations.revokeAll} />}
      {revocations.dialogs}
      {toRegenerate && (
        <BotRegenerateDialog
          token={toRegenerate}
          onClose={(regenerated) => {
            setToRegenerate(undefined);
            if (regenerated) again();
          }}
        />
      )}
      {botOpen && (
        <BotTokenDialog
          onClose={(created) => {
            setBotOpen(false);
            if (created) fromTheStart();
          }}
        />
      )}
    </PageSection>
  );
};

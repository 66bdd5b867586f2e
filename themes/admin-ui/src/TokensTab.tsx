import { useAccess, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  Alert,
  AlertVariant,
  Button,
  DatePicker,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  EmptyStateHeader,
  EmptyStateIcon,
  EmptyStateVariant,
  Label,
  LabelGroup,
  PageSection,
  Pagination,
  Spinner,
  Text,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
  Tooltip,
} from "@patternfly/react-core";
import { KeyIcon, SearchIcon } from "@patternfly/react-icons";
import { InnerScrollContainer, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { FormEvent, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useToast } from "./alerts";
import { type AdminToken, errorText, PatApiError, type TokenFilter, usePatApi } from "./api";
import { BotRegenerateDialog } from "./BotRegenerateDialog";
import { BotTokenDialog } from "./BotTokenDialog";
import { ConfirmModal, type ConfirmRequest } from "./ConfirmModal";
import { usePatTranslation } from "./texts";
import { ScopeLabel, useScopeTexts } from "./scopes";
import { formatSeconds, nowSeconds, parseIsoDate, startOfDay } from "./time";

type Applied = TokenFilter & { username?: string };

const PER_PAGE = [10, 20, 50, 100];

/** The realm's tokens, filtered and paged like the console's own tables (first/max, one row fetched ahead). */
export const TokensTab = ({ initialUserId }: { initialUserId?: string }) => {
  const { t, language } = usePatTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const api = usePatApi();
  const toast = useToast();
  const mayManage = hasAccess("manage-users");
  const mayCreateBot = hasAccess("manage-users", "manage-clients");

  // filter inputs, and the filter in force
  const [userInput, setUserInput] = useState("");
  const [expiresInput, setExpiresInput] = useState("");
  const [unusedInput, setUnusedInput] = useState("");
  const [filterError, setFilterError] = useState<string>();
  const [applied, setApplied] = useState<Applied>({ userId: initialUserId });

  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(10);
  const [rows, setRows] = useState<AdminToken[]>();
  const [hasMore, setHasMore] = useState(false);
  const [loadError, setLoadError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const [botOpen, setBotOpen] = useState(false);
  const [toRegenerate, setToRegenerate] = useState<AdminToken>();
  const scopeTexts = useScopeTexts(api, t);

  // ?user={id}: show that user's name in the filter
  useEffect(() => {
    if (!initialUserId) return;
    let live = true;
    api
      .username(initialUserId)
      .then((username) => {
        if (!live || !username) return;
        setUserInput(username);
        setApplied((current) => (current.userId === initialUserId ? { ...current, username } : current));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api, initialUserId]);

  useEffect(() => {
    let live = true;
    setRows(undefined);
    setLoadError(undefined);
    const { username: _ignored, ...filter } = applied;
    api
      .list(filter, first, max + 1)
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
  }, [api, applied, first, max, reload]);

  const refresh = (removed = 0) => {
    if (rows && removed >= rows.length && first > 0) {
      setFirst(Math.max(0, first - max));
    } else {
      setReload((n) => n + 1);
    }
  };

  const apply = async (event?: FormEvent) => {
    event?.preventDefault();
    setFilterError(undefined);
    const expires = expiresInput.trim() ? parseIsoDate(expiresInput) : null;
    const unused = unusedInput.trim() ? parseIsoDate(unusedInput) : null;
    if (expires === undefined || unused === undefined) {
      setFilterError(t("pat.filterBadDate"));
      return;
    }
    const username = userInput.trim();
    let userId: string | undefined;
    if (username) {
      userId = username === applied.username && applied.userId ? applied.userId : await api.findUserId(username);
      if (!userId) {
        setFilterError(t("pat.filterUnknownUser", { username }));
        return;
      }
    }
    setFirst(0);
    setApplied({
      userId,
      username: username || undefined,
      expiresBefore: expires ? startOfDay(expires) : undefined,
      unusedSince: unused ? startOfDay(unused) : undefined,
    });
  };

  const clearFilters = () => {
    setUserInput("");
    setExpiresInput("");
    setUnusedInput("");
    setFilterError(undefined);
    setFirst(0);
    setApplied({});
  };

  const filtered = !!(applied.userId || applied.expiresBefore || applied.unusedSince);
  const ownerName = (token: AdminToken) => token.owner.username ?? t("pat.unknownOwner");
  const appliedUsername = applied.username ?? applied.userId;

  const askRevoke = (token: AdminToken) =>
    setConfirm({
      title: t("pat.revokeTitle"),
      body: <Text>{t("pat.revokeBody", { name: token.name, owner: ownerName(token) })}</Text>,
      onConfirm: async () => {
        try {
          await api.revoke(token.id);
          toast(t("pat.revokeDone", { name: token.name }));
          refresh(1);
        } catch (error) {
          toast(t("pat.actionFailed", { error: errorText(error) }), AlertVariant.danger);
        }
      },
    });

  const askRevokeUser = () =>
    applied.userId &&
    setConfirm({
      title: t("pat.revokeUserTitle", { username: appliedUsername }),
      body: <Text>{t("pat.revokeUserBody", { username: appliedUsername })}</Text>,
      onConfirm: async () => {
        try {
          const { revoked } = await api.revokeUser(applied.userId!);
          toast(t("pat.revokeUserDone", { count: revoked, username: appliedUsername }));
          setFirst(0);
          setReload((n) => n + 1);
        } catch (error) {
          toast(t("pat.actionFailed", { error: errorText(error) }), AlertVariant.danger);
        }
      },
    });

  const askRevokeAll = () =>
    setConfirm({
      title: t("pat.revokeAllTitle"),
      body: <Text>{t("pat.revokeAllBody", { realm })}</Text>,
      typeToConfirm: { label: t("pat.revokeAllTypeName", { realm }), value: realm, testId: "pat-revoke-all-realm-name" },
      onConfirm: async () => {
        try {
          const { revoked } = await api.revokeAll();
          toast(t("pat.revokeAllDone", { count: revoked }));
          setFirst(0);
          setReload((n) => n + 1);
        } catch (error) {
          toast(t("pat.actionFailed", { error: errorText(error) }), AlertVariant.danger);
        }
      },
    });

  const page = Math.floor(first / max) + 1;
  const itemCount = first + (rows?.length ?? 0) + (hasMore ? 1 : 0);
  const now = nowSeconds();

  const toolbar = (
    <Toolbar data-testid="pat-toolbar">
      <ToolbarContent>
        <form onSubmit={apply} style={{ display: "contents" }}>
          <ToolbarGroup variant="filter-group">
            <ToolbarItem>
              <TextInput
                type="search"
                aria-label={t("pat.filterUser")}
                placeholder={t("pat.filterUserPlaceholder")}
                title={t("pat.filterUserHelp")}
                data-testid="pat-filter-user"
                value={userInput}
                onChange={(_event, value) => setUserInput(value)}
                customIcon={<SearchIcon />}
              />
            </ToolbarItem>
            <DateFilter id="pat-filter-expires-before" label={t("pat.filterExpiresBefore")}
              placeholder={t("pat.filterDatePlaceholder")} value={expiresInput} onChange={setExpiresInput} />
            <DateFilter id="pat-filter-unused-since" label={t("pat.filterUnusedSince")}
              placeholder={t("pat.filterDatePlaceholder")} value={unusedInput} onChange={setUnusedInput} />
            <ToolbarItem>
              <Button type="submit" variant="control" data-testid="pat-filter-apply">
                {t("pat.filterApply")}
              </Button>
            </ToolbarItem>
            {filtered && (
              <ToolbarItem>
                <Button variant="link" onClick={clearFilters} data-testid="pat-filter-clear">
                  {t("pat.clearFilters")}
                </Button>
              </ToolbarItem>
            )}
          </ToolbarGroup>
        </form>
        <ToolbarGroup>
          {mayCreateBot && (
            <ToolbarItem>
              <Button variant="primary" data-testid="pat-create-bot" onClick={() => setBotOpen(true)}>
                {t("pat.createBot")}
              </Button>
            </ToolbarItem>
          )}
          {mayManage && applied.userId && (
            <ToolbarItem>
              <Button variant="secondary" isDanger data-testid="pat-revoke-user" onClick={askRevokeUser}>
                {t("pat.revokeUser")}
              </Button>
            </ToolbarItem>
          )}
        </ToolbarGroup>
        <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
          <Pagination
            data-testid="pat-pagination"
            isCompact
            itemCount={itemCount}
            perPage={max}
            page={page}
            perPageOptions={PER_PAGE.map((value) => ({ title: String(value), value }))}
            onSetPage={(_event, newPage) => setFirst((newPage - 1) * max)}
            onPerPageSelect={(_event, perPage) => {
              setMax(perPage);
              setFirst(0);
            }}
            toggleTemplate={({ firstIndex, lastIndex }) => (
              <b>
                {firstIndex} - {lastIndex}
              </b>
            )}
          />
        </ToolbarItem>
      </ToolbarContent>
      {filterError && (
        <Alert isInline isPlain variant="danger" title={filterError} data-testid="pat-filter-error" />
      )}
      {applied.userId && (
        <Label className="pf-v5-u-ml-md" color="blue" data-testid="pat-filtered-user" onClose={clearFilters}>
          {t("pat.filteredByUser", { username: appliedUsername })}
        </Label>
      )}
    </Toolbar>
  );

  const empty = (
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
            <Button variant="link" onClick={clearFilters}>
              {t("pat.clearFilters")}
            </Button>
          ) : (
            mayCreateBot && (
              <Button variant="primary" onClick={() => setBotOpen(true)}>
                {t("pat.createBot")}
              </Button>
            )
          )}
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );

  return (
    <PageSection variant="light" className="pf-v5-u-p-0">
      {toolbar}
      {loadError !== undefined && (
        <Alert
          isInline
          variant="danger"
          className="pf-v5-u-mx-md pf-v5-u-mb-md"
          data-testid="pat-error"
          title={
            loadError instanceof PatApiError && loadError.status === 403
              ? t("pat.forbidden")
              : loadError instanceof PatApiError && loadError.error === "not_enabled"
                ? t("pat.notEnabled")
                : t("pat.loadError", { error: errorText(loadError) })
          }
        />
      )}
      {rows === undefined ? (
        <div className="pf-v5-u-text-align-center pf-v5-u-p-xl">
          <Spinner aria-label={t("pat.loading")} data-testid="pat-loading" />
        </div>
      ) : rows.length === 0 && first === 0 ? (
        loadError === undefined && empty
      ) : (
        // a narrow window scrolls the table sideways rather than cutting its last columns off
        <InnerScrollContainer>
        <Table aria-label={t("pat.title")} variant="compact" data-testid="pat-table">
          <Thead>
            <Tr>
              <Th modifier="wrap">{t("pat.colName")}</Th>
              <Th modifier="wrap">{t("pat.colOwner")}</Th>
              <Th modifier="wrap">{t("pat.colScopes")}</Th>
              <Th modifier="wrap">{t("pat.colCreated")}</Th>
              <Th modifier="wrap">{t("pat.colExpires")}</Th>
              <Th modifier="wrap">{t("pat.colLastUsed")}</Th>
              <Th modifier="wrap">{t("pat.colLastIp")}</Th>
              {mayManage && <Th screenReaderText={t("pat.colActions")} />}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((token) => (
              <Tr key={token.id} data-testid="pat-row" data-token-id={token.id} data-token-name={token.name}>
                <Td dataLabel={t("pat.colName")}>
                  <div data-testid="pat-row-name">{token.name}</div>
                  <small className="pf-v5-u-color-200" data-testid="pat-row-hint">
                    {t("pat.hint", { hint: token.hint })}
                  </small>
                </Td>
                <Td dataLabel={t("pat.colOwner")}>
                  <Link
                    to={`/${encodeURIComponent(realm)}/users/${encodeURIComponent(token.owner.id)}/settings`}
                    data-testid="pat-row-owner"
                  >
                    {ownerName(token)}
                  </Link>
                  {token.owner.serviceAccountOf && (
                    <Tooltip content={t("pat.botHelp", { clientId: token.owner.serviceAccountOf })}>
                      <Label color="purple" isCompact className="pf-v5-u-ml-sm" data-testid="pat-row-bot">
                        {t("pat.bot", { clientId: token.owner.serviceAccountOf })}
                      </Label>
                    </Tooltip>
                  )}
                </Td>
                <Td dataLabel={t("pat.colScopes")} data-testid="pat-row-scopes">
                  {token.scopes.length === 0 ? (
                    <span className="pf-v5-u-color-200">{t("pat.noScopes")}</span>
                  ) : (
                    <LabelGroup numLabels={4}>
                      {token.scopes.map((scope) => (
                        <Label key={scope} isCompact>
                          <ScopeLabel name={scope} texts={scopeTexts} />
                        </Label>
                      ))}
                    </LabelGroup>
                  )}
                </Td>
                <Td dataLabel={t("pat.colCreated")} modifier="wrap">{formatSeconds(token.createdAt, language)}</Td>
                <Td dataLabel={t("pat.colExpires")} modifier="wrap" data-testid="pat-row-expires">
                  {token.expiresAt === null ? (
                    t("pat.never")
                  ) : (
                    <>
                      {formatSeconds(token.expiresAt, language)}
                      {token.expiresAt < now && (
                        <Label color="red" isCompact className="pf-v5-u-ml-sm">
                          {t("pat.expired")}
                        </Label>
                      )}
                      {token.expiryCutByPolicy && (
                        <Label color="orange" isCompact className="pf-v5-u-ml-sm" data-testid="pat-row-cut-by-policy">
                          {t("pat.cutByPolicy")}
                        </Label>
                      )}
                    </>
                  )}
                  {token.previousSecretExpiresAt != null && token.previousSecretExpiresAt > now && (
                    <div>
                      <small className="pf-v5-u-color-200" data-testid="pat-row-previous-secret">
                        {t("pat.previousSecretUntil", { date: formatSeconds(token.previousSecretExpiresAt, language) })}
                      </small>
                    </div>
                  )}
                </Td>
                <Td dataLabel={t("pat.colLastUsed")} modifier="wrap" data-testid="pat-row-last-used">
                  {token.lastUsedAt === null ? t("pat.neverUsed") : formatSeconds(token.lastUsedAt, language)}
                </Td>
                <Td dataLabel={t("pat.colLastIp")}>{token.lastUsedIp || "—"}</Td>
                {mayManage && (
                  <Td isActionCell>
                    {token.owner.serviceAccountOf && mayCreateBot && (
                      <Button
                        variant="link"
                        data-testid={`pat-regenerate-${token.id}`}
                        onClick={() => setToRegenerate(token)}
                      >
                        {t("pat.regenerate")}
                      </Button>
                    )}
                    <Button
                      variant="link"
                      isDanger
                      data-testid={`pat-revoke-${token.id}`}
                      onClick={() => askRevoke(token)}
                    >
                      {t("pat.revoke")}
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
        </InnerScrollContainer>
      )}
      {mayManage && (
        // realm-wide and final: kept away from the everyday actions of the toolbar
        <section className="pat-danger-zone pf-v5-u-m-md pf-v5-u-p-md" data-testid="pat-danger-zone" aria-labelledby="pat-danger-zone-title">
          <Title headingLevel="h2" size="lg" id="pat-danger-zone-title">
            {t("pat.dangerZone")}
          </Title>
          <Text className="pf-v5-u-mb-md pf-v5-u-color-200">{t("pat.dangerZoneIntro")}</Text>
          <div className="pat-danger-zone__action">
            <div>
              <strong>{t("pat.revokeAll")}</strong>
              <Text>{t("pat.revokeAllHelp")}</Text>
            </div>
            <Button variant="danger" data-testid="pat-revoke-all" onClick={askRevokeAll}>
              {t("pat.revokeAll")}
            </Button>
          </div>
        </section>
      )}
      {confirm && <ConfirmModal request={confirm} onClose={() => setConfirm(undefined)} />}
      {toRegenerate && (
        <BotRegenerateDialog
          token={toRegenerate}
          onClose={(regenerated) => {
            setToRegenerate(undefined);
            if (regenerated) setReload((n) => n + 1);
          }}
        />
      )}
      {botOpen && (
        <BotTokenDialog
          onClose={(created) => {
            setBotOpen(false);
            if (created) {
              setFirst(0);
              setReload((n) => n + 1);
            }
          }}
        />
      )}
    </PageSection>
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

import {
  Alert,
  AlertActionCloseButton,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  FormSelect,
  FormSelectOption,
  Label,
  Pagination,
  PageSection,
  Spinner,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from "@patternfly/react-core";
import { InnerScrollContainer, Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { type FormEvent, useEffect, useState } from "react";
import {
  ageInDays,
  approvalLabel,
  REQUEST_STATES,
  type RequestFilterInput,
  refusedRequests,
  requestQuery,
} from "../../shared/approvals";
import { formatSeconds, nowSeconds } from "../../shared/dates";
import { type ApprovalRequest, type Decision, errorText, usePatApi } from "./api";
import { DecisionDialog } from "./DecisionDialog";
import { useToast } from "./alerts";
import { usePatTranslation } from "./texts";

const PER_PAGE = [10, 20, 50, 100];
const EMPTY_FILTER: RequestFilterInput = { scope: "", user: "", olderThanDays: "", state: "pending" };
const STATE_COLORS = { pending: "orange", approved: "green", denied: "red", lapsed: "red" } as const;

type Refused = ReturnType<typeof refusedRequests>;

/**
 * The approval requests the signed-in user may decide (GET …/requests: only for the scopes they may approve, never their
 * own), filtered by scope, user, age and state; one or many approved or denied with a reason.
 */
export const RequestsTab = ({ scopes }: { scopes: string[] }) => {
  const { t, language } = usePatTranslation();
  const api = usePatApi();
  const toast = useToast();
  const [inputs, setInputs] = useState<RequestFilterInput>(EMPTY_FILTER);
  const [applied, setApplied] = useState<RequestFilterInput>(EMPTY_FILTER);
  const [filterError, setFilterError] = useState<string>();
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(10);
  const [rows, setRows] = useState<ApprovalRequest[]>();
  const [hasMore, setHasMore] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [deciding, setDeciding] = useState<{ decision: Decision; requests: ApprovalRequest[] }>();
  const [refused, setRefused] = useState<Refused>([]);

  useEffect(() => {
    let live = true;
    const built = requestQuery(applied, first, max + 1);
    if ("error" in built) return;
    setRows(undefined);
    setLoadError(undefined);
    api
      .requests(built.query)
      .then((requests) => {
        if (!live) return;
        setHasMore(requests.length > max);
        setRows(requests.slice(0, max));
        // what is no longer listed cannot stay selected
        setSelected((before) => before.filter((id) => requests.some((request) => request.id === id)));
      })
      .catch((error) => {
        if (!live) return;
        setLoadError(errorText(error));
        setRows([]);
      });
    return () => {
      live = false;
    };
  }, [api, applied, first, max, reload]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if ("error" in requestQuery(inputs, 0, max)) {
      setFilterError(t("pat.requestsFilterDaysInvalid"));
      return;
    }
    setFilterError(undefined);
    setApplied({ ...inputs });
    setFirst(0);
    setReload((n) => n + 1);
  };
  const clear = () => {
    setInputs(EMPTY_FILTER);
    setApplied(EMPTY_FILTER);
    setFilterError(undefined);
    setFirst(0);
  };
  const filtered = JSON.stringify(applied) !== JSON.stringify(EMPTY_FILTER);

  const now = nowSeconds();
  const date = (seconds: number) => formatSeconds(seconds, language);
  const decidable = (request: ApprovalRequest) => request.state === "pending";
  const shownDecidable = (rows ?? []).filter(decidable);
  const chosen = (rows ?? []).filter((request) => selected.includes(request.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((before) => (on ? [...before.filter((other) => other !== id), id] : before.filter((other) => other !== id)));

  const decide = async (decision: Decision, requests: ApprovalRequest[], reason: string | undefined) => {
    if (requests.length === 1) {
      await api.decideOne(requests[0].id, decision, reason);
      setRefused([]);
      toast(t(decision === "approve" ? "pat.requestsApprovedOne" : "pat.requestsDeniedOne", { scope: requests[0].scope }));
    } else {
      const answer = await api.decideMany(
        requests.map((request) => request.id),
        decision,
        reason,
      );
      setRefused(refusedRequests(answer, requests));
      toast(t(decision === "approve" ? "pat.requestsApprovedMany" : "pat.requestsDeniedMany", { count: answer.decided.length }));
    }
    setDeciding(undefined);
    setSelected([]);
    setReload((n) => n + 1);
  };

  return (
    <PageSection variant="light" className="pf-v5-u-p-0" data-testid="pat-requests">
      <p className="pf-v5-u-px-lg pf-v5-u-pt-md" data-testid="pat-requests-intro">
        {t("pat.requestsIntro", { scopes: scopes.join(", ") })}
      </p>
      <Toolbar data-testid="pat-requests-toolbar">
        <ToolbarContent>
          <form onSubmit={apply} style={{ display: "contents" }}>
            <ToolbarGroup variant="filter-group">
              <ToolbarItem>
                <FormSelect
                  aria-label={t("pat.requestsFilterScope")}
                  data-testid="pat-requests-filter-scope"
                  value={inputs.scope}
                  onChange={(_event, value) => setInputs({ ...inputs, scope: value })}
                >
                  <FormSelectOption value="" label={t("pat.requestsAllScopes")} />
                  {scopes.map((scope) => (
                    <FormSelectOption key={scope} value={scope} label={scope} />
                  ))}
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem>
                <TextInput
                  type="search"
                  aria-label={t("pat.requestsFilterUser")}
                  placeholder={t("pat.requestsFilterUser")}
                  data-testid="pat-requests-filter-user"
                  value={inputs.user}
                  onChange={(_event, value) => setInputs({ ...inputs, user: value })}
                />
              </ToolbarItem>
              <ToolbarItem>
                <TextInput
                  type="text"
                  inputMode="numeric"
                  aria-label={t("pat.requestsFilterDays")}
                  placeholder={t("pat.requestsFilterDays")}
                  title={t("pat.requestsFilterDaysHelp")}
                  data-testid="pat-requests-filter-days"
                  value={inputs.olderThanDays}
                  onChange={(_event, value) => setInputs({ ...inputs, olderThanDays: value })}
                />
              </ToolbarItem>
              <ToolbarItem>
                <FormSelect
                  aria-label={t("pat.requestsFilterState")}
                  data-testid="pat-requests-filter-state"
                  value={inputs.state}
                  onChange={(_event, value) => setInputs({ ...inputs, state: value as RequestFilterInput["state"] })}
                >
                  {REQUEST_STATES.map((state) => (
                    <FormSelectOption key={state} value={state} label={t(`pat.requestsState_${state}`)} />
                  ))}
                </FormSelect>
              </ToolbarItem>
              <ToolbarItem>
                <Button type="submit" variant="control" data-testid="pat-requests-filter-apply">
                  {t("pat.filterApply")}
                </Button>
              </ToolbarItem>
              {filtered && (
                <ToolbarItem>
                  <Button variant="link" onClick={clear} data-testid="pat-requests-filter-clear">
                    {t("pat.clearFilters")}
                  </Button>
                </ToolbarItem>
              )}
            </ToolbarGroup>
          </form>
          <ToolbarGroup>
            <ToolbarItem>
              <Button
                variant="primary"
                data-testid="pat-requests-approve-selected"
                isDisabled={chosen.length === 0}
                onClick={() => setDeciding({ decision: "approve", requests: chosen })}
              >
                {t("pat.requestsApproveSelected", { count: chosen.length })}
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <Button
                variant="secondary"
                isDanger
                data-testid="pat-requests-deny-selected"
                isDisabled={chosen.length === 0}
                onClick={() => setDeciding({ decision: "deny", requests: chosen })}
              >
                {t("pat.requestsDenySelected", { count: chosen.length })}
              </Button>
            </ToolbarItem>
          </ToolbarGroup>
          <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
            <Pagination
              data-testid="pat-requests-pagination"
              isCompact
              itemCount={first + (rows?.length ?? 0) + (hasMore ? 1 : 0)}
              perPage={max}
              page={Math.floor(first / max) + 1}
              perPageOptions={PER_PAGE.map((value) => ({ title: String(value), value }))}
              onSetPage={(_event, page) => setFirst((page - 1) * max)}
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
        {filterError && <Alert isInline isPlain variant="danger" title={filterError} data-testid="pat-requests-filter-error" />}
      </Toolbar>
      {refused.length > 0 && (
        <Alert
          isInline
          variant="warning"
          className="pf-v5-u-mx-md pf-v5-u-mb-md"
          title={t("pat.requestsRefused", { count: refused.length })}
          data-testid="pat-requests-refused"
          actionClose={<AlertActionCloseButton onClose={() => setRefused([])} />}
        >
          <ul>
            {refused.map(({ id, error, request }) => (
              <li key={id} data-testid="pat-requests-refused-item" data-request-id={id} data-error={error}>
                {request
                  ? t("pat.requestsRefusedItem", {
                      scope: request.scope,
                      name: request.tokenName ?? "—",
                      username: request.username ?? request.userId,
                      error: t(`pat.requestsError_${error}`, { defaultValue: error }),
                    })
                  : t("pat.requestsRefusedId", { id, error: t(`pat.requestsError_${error}`, { defaultValue: error }) })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {loadError && (
        <Alert
          isInline
          variant="danger"
          className="pf-v5-u-mx-md pf-v5-u-mb-md"
          data-testid="pat-requests-error"
          title={t("pat.requestsLoadError", { error: loadError })}
        />
      )}
      {rows === undefined ? (
        <div className="pf-v5-u-text-align-center pf-v5-u-p-xl">
          <Spinner aria-label={t("pat.loading")} />
        </div>
      ) : rows.length === 0 && first === 0 ? (
        !loadError && (
          <EmptyState data-testid="pat-requests-empty" data-filtered={String(filtered)}>
            <EmptyStateHeader titleText={t("pat.requestsEmptyTitle")} headingLevel="h2" />
            <EmptyStateBody>{t(filtered ? "pat.requestsEmptyFiltered" : "pat.requestsEmptyBody")}</EmptyStateBody>
          </EmptyState>
        )
      ) : (
        <InnerScrollContainer>
          <Table aria-label={t("pat.tabRequests")} variant="compact" data-testid="pat-requests-table">
            <Thead>
              <Tr>
                <Th
                  select={{
                    onSelect: (_event, on) => setSelected(on ? shownDecidable.map((request) => request.id) : []),
                    isSelected: shownDecidable.length > 0 && shownDecidable.every((request) => selected.includes(request.id)),
                    isHeaderSelectDisabled: shownDecidable.length === 0,
                  }}
                  aria-label={t("pat.requestsSelectAll")}
                />
                <Th modifier="wrap">{t("pat.requestsColScope")}</Th>
                <Th modifier="wrap">{t("pat.requestsColToken")}</Th>
                <Th modifier="wrap">{t("pat.requestsColUser")}</Th>
                <Th modifier="wrap">{t("pat.requestsColReason")}</Th>
                <Th modifier="wrap">{t("pat.requestsColRequested")}</Th>
                <Th modifier="wrap">{t("pat.requestsColState")}</Th>
                <Th screenReaderText={t("pat.colActions")} />
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((request, index) => {
                const label = approvalLabel(request);
                return (
                  <Tr
                    key={request.id}
                    data-testid="pat-request-row"
                    data-request-id={request.id}
                    data-token-id={request.tokenId}
                    data-scope={request.scope}
                    data-state={label}
                  >
                    <Td
                      select={{
                        rowIndex: index,
                        onSelect: (_event, on) => toggle(request.id, on),
                        isSelected: selected.includes(request.id),
                        isDisabled: !decidable(request),
                      }}
                      data-testid="pat-request-select"
                    />
                    <Td dataLabel={t("pat.requestsColScope")} data-testid="pat-request-scope">
                      {request.scope}
                    </Td>
                    <Td dataLabel={t("pat.requestsColToken")} data-testid="pat-request-token">
                      {request.tokenName ?? "—"}
                    </Td>
                    <Td dataLabel={t("pat.requestsColUser")} data-testid="pat-request-user">
                      {request.username ?? request.userId}
                    </Td>
                    <Td dataLabel={t("pat.requestsColReason")} modifier="breakWord" data-testid="pat-request-reason">
                      {request.reason ?? <span className="pf-v5-u-color-200">{t("pat.requestsNoReason")}</span>}
                    </Td>
                    <Td dataLabel={t("pat.requestsColRequested")} modifier="wrap">
                      {date(request.requestedAt)}
                      <div>
                        <small className="pf-v5-u-color-200">
                          {ageInDays(request.requestedAt, now) === 0
                            ? t("pat.requestsAgeToday")
                            : t("pat.requestsAge", { count: ageInDays(request.requestedAt, now) })}
                        </small>
                      </div>
                    </Td>
                    <Td dataLabel={t("pat.requestsColState")} data-testid="pat-request-state">
                      <Label isCompact color={STATE_COLORS[label]}>
                        {t(`pat.requestsState_${label}`)}
                      </Label>
                      {request.decidedAt !== null && (
                        <div>
                          <small className="pf-v5-u-color-200" data-testid="pat-request-decided">
                            {label === "lapsed"
                              ? t("pat.requestsLapsedOn", { date: date(request.decidedAt) })
                              : t("pat.requestsDecidedBy", {
                                  username: request.decidedByUsername ?? request.decidedBy ?? "—",
                                  date: date(request.decidedAt),
                                })}
                            {request.decisionReason ? `: ${request.decisionReason}` : ""}
                          </small>
                        </div>
                      )}
                    </Td>
                    <Td isActionCell>
                      {decidable(request) && (
                        <>
                          <Button
                            variant="link"
                            data-testid={`pat-request-approve-${request.id}`}
                            onClick={() => setDeciding({ decision: "approve", requests: [request] })}
                          >
                            {t("pat.requestsApprove")}
                          </Button>
                          <Button
                            variant="link"
                            isDanger
                            data-testid={`pat-request-deny-${request.id}`}
                            onClick={() => setDeciding({ decision: "deny", requests: [request] })}
                          >
                            {t("pat.requestsDeny")}
                          </Button>
                        </>
                      )}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        </InnerScrollContainer>
      )}
      {deciding && (
        <DecisionDialog
          decision={deciding.decision}
          requests={deciding.requests}
          onDecide={(reason) => decide(deciding.decision, deciding.requests, reason)}
          onClose={() => setDeciding(undefined)}
        />
      )}
    </PageSection>
  );
};

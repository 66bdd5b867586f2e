import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ageInDays,
  approvalLabel,
  approvalRowProblems,
  approvalRowsOf,
  approvalScopesOf,
  type ApprovalRequest,
  lapseDaysValid,
  MAX_REASON_LENGTH,
  pendingScopes,
  queryString,
  reasonProblem,
  reasonToSend,
  refusedRequests,
  requestQuery,
  type ScopeApproval,
  scopesWithApprovals,
} from "../approvals";

const approval = (scope: string, state: ScopeApproval["state"], lapsed = false): ScopeApproval => ({
  scope,
  state,
  lapsed,
  reason: null,
  decisionReason: null,
  requestedAt: 1_000,
  decidedAt: state === "pending" ? null : 2_000,
});

describe("approvalLabel", () => {
  it("names each state, and a lapsed denial as lapsed", () => {
    assert.equal(approvalLabel(approval("a", "pending")), "pending");
    assert.equal(approvalLabel(approval("a", "approved")), "approved");
    assert.equal(approvalLabel(approval("a", "denied")), "denied");
    assert.equal(approvalLabel(approval("a", "denied", true)), "lapsed");
  });
});

describe("scopesWithApprovals", () => {
  it("pairs each scope with its approval and adds the denied ones the server dropped", () => {
    const approvals = [approval("orders.write", "pending"), approval("billing", "denied")];
    assert.deepEqual(scopesWithApprovals(["api.read", "orders.write"], approvals), [
      { scope: "api.read", approval: undefined },
      { scope: "orders.write", approval: approvals[0] },
      { scope: "billing", approval: approvals[1] },
    ]);
  });
  it("takes a token without approvals (an older server: no field)", () => {
    assert.deepEqual(scopesWithApprovals(["api.read"], undefined), [{ scope: "api.read", approval: undefined }]);
  });
  it("lists the pending ones", () => {
    assert.deepEqual(pendingScopes([approval("a", "pending"), approval("b", "approved"), approval("c", "pending")]), ["a", "c"]);
    assert.deepEqual(pendingScopes(undefined), []);
  });
});

describe("reasonProblem", () => {
  it("takes up to 500 characters and refuses 501", () => {
    assert.equal(reasonProblem(""), undefined);
    assert.equal(reasonProblem("x".repeat(MAX_REASON_LENGTH)), undefined);
    assert.equal(reasonProblem("x".repeat(MAX_REASON_LENGTH + 1)), "tooLong");
  });
  it("counts an emoji as two, as the server does", () => {
    assert.equal(reasonProblem("😀".repeat(250)), undefined);
    assert.equal(reasonProblem("😀".repeat(250) + "x"), "tooLong");
  });
  it("sends a blank reason as none, and trims", () => {
    assert.equal(reasonToSend("   "), undefined);
    assert.equal(reasonToSend(" need it for the nightly export \n"), "need it for the nightly export");
  });
});

describe("requestQuery", () => {
  const input = { scope: "", user: "", olderThanDays: "", state: "pending" as const };
  it("sends the state and the page, and leaves empty fields out", () => {
    assert.deepEqual(requestQuery(input, 0, 11), { query: { state: "pending", first: 0, max: 11 } });
  });
  it("sends what is typed, trimmed", () => {
    assert.deepEqual(requestQuery({ scope: " orders.write ", user: "olga", olderThanDays: " 3 ", state: "all" }, 20, 11), {
      query: { state: "all", scope: "orders.write", user: "olga", olderThanDays: 3, first: 20, max: 11 },
    });
  });
  it("refuses an age that is not a whole number of days", () => {
    for (const bad of ["-1", "1.5", "two", "36501", "1e3"]) {
      assert.deepEqual(requestQuery({ ...input, olderThanDays: bad }, 0, 10), { error: "olderThanDays" }, bad);
    }
    assert.deepEqual(requestQuery({ ...input, olderThanDays: "0" }, 0, 10), {
      query: { state: "pending", olderThanDays: 0, first: 0, max: 10 },
    });
  });
  it("writes the query string in the fields' order, escaped", () => {
    assert.equal(queryString({ state: "pending", user: "a b&c", first: 0, empty: "", none: undefined }), "?state=pending&user=a+b%26c&first=0");
    assert.equal(queryString({}), "");
  });
});

describe("refusedRequests", () => {
  it("names the refused requests it knows, with the server's error", () => {
    const request = { id: "r1", tokenName: "ci", scope: "orders.write" } as ApprovalRequest;
    assert.deepEqual(
      refusedRequests({ decided: ["r2"], refused: [{ id: "r1", error: "already_decided" }, { id: "r9", error: "not_found" }] }, [request]),
      [
        { id: "r1", error: "already_decided", request },
        { id: "r9", error: "not_found", request: undefined },
      ],
    );
  });
});

describe("ageInDays", () => {
  it("counts whole days, never below 0", () => {
    assert.equal(ageInDays(0, 86_399), 0);
    assert.equal(ageInDays(0, 86_400 * 3 + 5), 3);
    assert.equal(ageInDays(100, 50), 0);
  });
});

describe("approval rows of the policy", () => {
  it("finds a missing scope, a scope twice and a group that is not a path", () => {
    const problems = approvalRowProblems([
      { scope: "orders.write", approverGroup: "/security-team" },
      { scope: " ", approverGroup: "" },
      { scope: "orders.write ", approverGroup: "" },
      { scope: "billing", approverGroup: "security-team" },
      { scope: "deploy", approverGroup: "" },
    ]);
    assert.deepEqual([...problems.entries()], [
      [1, "scopeMissing"],
      [2, "scopeTwice"],
      [3, "groupNotPath"],
    ]);
  });
  it("sends an empty group as null and reads null back as empty", () => {
    const rows = [{ scope: " orders.write", approverGroup: " " }, { scope: "billing", approverGroup: "/sec/leads" }];
    const sent = approvalScopesOf(rows);
    assert.deepEqual(sent, [{ scope: "orders.write", approverGroup: null }, { scope: "billing", approverGroup: "/sec/leads" }]);
    assert.deepEqual(approvalRowsOf(sent), [{ scope: "orders.write", approverGroup: "" }, { scope: "billing", approverGroup: "/sec/leads" }]);
    assert.deepEqual(approvalRowsOf(undefined), []);
  });
  it("takes a lapse limit from 1 to 90 days", () => {
    assert.ok(lapseDaysValid("1") && lapseDaysValid(" 90 ") && lapseDaysValid("7"));
    assert.ok(!lapseDaysValid("0") && !lapseDaysValid("91") && !lapseDaysValid("7.5") && !lapseDaysValid(""));
  });
});

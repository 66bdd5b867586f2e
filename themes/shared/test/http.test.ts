import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { ApiError, apiErrorOf, challengeMaxAge, errorText, requestJson } from "../http";

describe("apiErrorOf", () => {
  it("takes the server's JSON error", () => {
    const error = apiErrorOf(400, '{"error":"policy_violation","error_description":"at most 3600 seconds"}', null);
    assert.equal(error.status, 400);
    assert.equal(error.error, "policy_violation");
    assert.equal(error.description, "at most 3600 seconds");
    assert.equal(error.message, "at most 3600 seconds");
  });
  it("takes Keycloak's own admin errors (errorMessage)", () => {
    assert.equal(apiErrorOf(409, '{"errorMessage":"User exists"}', null).description, "User exists");
  });
  it("keeps the status when the body is not a JSON error", () => {
    const error = apiErrorOf(502, "<html>Bad gateway</html>", null);
    assert.equal(error.error, "unexpected_error");
    assert.equal(error.description, "HTTP 502");
    assert.equal(apiErrorOf(500, "[1,2]", null).description, "HTTP 500");
  });
  it("reads max_age from the body, else from the challenge", () => {
    const body = '{"error":"insufficient_user_authentication","max_age":300}';
    assert.equal(apiErrorOf(401, body, 'Bearer max_age="60"').maxAge, 300);
    assert.equal(apiErrorOf(401, "{}", 'Bearer error="insufficient_user_authentication", max_age="60"').maxAge, 60);
    assert.equal(challengeMaxAge(null), undefined);
    assert.equal(challengeMaxAge("Bearer realm=x"), undefined);
  });
});

describe("errorText", () => {
  it("is the server's description, an error's message, or the value", () => {
    assert.equal(errorText(new ApiError(403, "access_denied", "Not yours")), "Not yours");
    assert.equal(errorText(new Error("offline")), "offline");
    assert.equal(errorText("plain"), "plain");
  });
});

describe("requestJson", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
    const calls: RequestInit[] = [];
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      calls.push(init);
      return new Response(status === 204 ? null : body, { status, headers });
    }) as typeof fetch;
    return calls;
  };

  it("sends the bearer, and JSON only with a body", async () => {
    const calls = answer(200, '{"id":"a"}');
    assert.deepEqual(await requestJson("/x", "tok", { method: "POST", body: "{}" }), { id: "a" });
    const headers = calls[0].headers as Record<string, string>;
    assert.equal(headers.authorization, "Bearer tok");
    assert.equal(headers["content-type"], "application/json");
    await requestJson("/x", "tok");
    assert.equal((calls[1].headers as Record<string, string>)["content-type"], undefined);
  });
  it("answers undefined for an empty answer", async () => {
    answer(204, "");
    assert.equal(await requestJson("/x", "tok", { method: "DELETE" }), undefined);
  });
  it("throws the server's error", async () => {
    answer(400, '{"error":"invalid_request","error_description":"overlapSeconds must not be negative"}');
    await assert.rejects(requestJson("/x", "tok"), (error: unknown) =>
      error instanceof ApiError && error.status === 400 && error.description === "overlapSeconds must not be negative");
  });
});

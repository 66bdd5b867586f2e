import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lastUseOf } from "../lastUse";

describe("lastUseOf", () => {
  it("is nothing for a token never used", () => {
    assert.equal(lastUseOf({ lastUsedAt: null, lastUsedBy: null, lastUsedVia: null }), undefined);
  });
  it("names the resource server that introspected, with its address", () => {
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedBy: "orders-api", lastUsedVia: "introspection", lastUsedIp: "10.1.2.3" }),
      { kind: "introspection", client: "orders-api", address: "10.1.2.3" });
  });
  it("names the exchanging client; the account API gives no address", () => {
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedBy: "ci-gateway", lastUsedVia: "exchange" }),
      { kind: "exchange", client: "ci-gateway", address: undefined });
  });
  it("says the holder used it at /self, with no client even if one were named", () => {
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedBy: "orders-api", lastUsedVia: "self", lastUsedIp: "192.0.2.7" }),
      { kind: "self", address: "192.0.2.7" });
  });
  it("keeps a use an older release recorded as an unknown client, with its address", () => {
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedIp: "10.0.0.9" }), { kind: "unknown", address: "10.0.0.9" });
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedBy: null, lastUsedVia: null, lastUsedIp: null }),
      { kind: "unknown", address: undefined });
    assert.deepEqual(lastUseOf({ lastUsedAt: 1, lastUsedVia: "introspection" }), { kind: "unknown", address: undefined });
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowedOverlaps, olderSecretEnding, overlapKey, previousSecretEnd } from "../rotation";

describe("allowedOverlaps", () => {
  it("offers the choices up to the realm's limit", () => {
    assert.deepEqual(allowedOverlaps(86_400), [0, 3_600, 86_400]);
    assert.deepEqual(allowedOverlaps(7_200), [0, 3_600]);
    assert.deepEqual(allowedOverlaps(2_592_000), [0, 3_600, 86_400, 604_800, 2_592_000]);
  });
  it("offers only no overlap when the realm allows none", () => {
    assert.deepEqual(allowedOverlaps(0), [0]);
  });
  it("assumes the server's default limit (one day) when the server does not say", () => {
    assert.deepEqual(allowedOverlaps(undefined), [0, 3_600, 86_400]);
  });
});

describe("previousSecretEnd", () => {
  const now = 1_000_000;
  it("is now plus the overlap", () => {
    assert.equal(previousSecretEnd(3_600, null, now), now + 3_600);
    assert.equal(previousSecretEnd(3_600, now + 86_400, now), now + 3_600);
  });
  it("never reaches past the token's current end", () => {
    assert.equal(previousSecretEnd(86_400, now + 600, now), now + 600);
  });
  it("is none without an overlap, or once the token has ended", () => {
    assert.equal(previousSecretEnd(0, null, now), undefined);
    assert.equal(previousSecretEnd(3_600, now, now), undefined);
  });
});

describe("overlapKey", () => {
  it("names each choice for the texts", () => {
    assert.deepEqual([0, 3_600, 86_400, 604_800, 2_592_000].map(overlapKey), ["None", "1h", "1d", "7d", "30d"]);
  });
});

describe("olderSecretEnding", () => {
  const now = 1_000_000;
  it("names the end of a previous secret that still works", () => {
    assert.equal(olderSecretEnding(now + 600, now), now + 600);
  });
  it("is undefined when none works any more, or none was kept", () => {
    assert.equal(olderSecretEnding(now, now), undefined);
    assert.equal(olderSecretEnding(now - 1, now), undefined);
    assert.equal(olderSecretEnding(null, now), undefined);
    assert.equal(olderSecretEnding(undefined, now), undefined);
  });
});

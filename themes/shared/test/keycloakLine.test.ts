import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../http";
import { isOffOnThisLine, untestedLineWarning } from "../keycloakLine";

const lines = ["26.4", "26.5", "26.6", "26.7"];

test("the warning is shown only while PATs are on on an untested line", () => {
  assert.deepEqual(untestedLineWarning({ version: "26.8.0", tested: false, testedLines: lines, patsOn: true }), {
    version: "26.8.0",
    testedLines: "26.4, 26.5, 26.6, 26.7",
  });
  assert.equal(untestedLineWarning({ version: "26.7.5", tested: true, testedLines: lines, patsOn: true }), undefined);
  assert.equal(untestedLineWarning({ version: "26.8.0", tested: false, testedLines: lines, patsOn: false }), undefined);
  assert.equal(untestedLineWarning(undefined), undefined);
});

test("PATs off on this line is told apart from a realm without PATs", () => {
  assert.equal(isOffOnThisLine(new ApiError(404, "untested_keycloak_line", "off on Keycloak 26.8.0")), true);
  assert.equal(isOffOnThisLine(new ApiError(404, "not_enabled", "not enabled in this realm")), false);
  assert.equal(isOffOnThisLine(new Error("untested_keycloak_line")), false);
});

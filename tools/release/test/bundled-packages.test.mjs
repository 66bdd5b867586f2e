import assert from "node:assert/strict";
import { test } from "node:test";
import { packageDirOf } from "../bundled-packages.mjs";

test("a module's package directory: the last node_modules, scoped or not, virtual ids and queries stripped", () => {
  assert.equal(packageDirOf("/w/themes/admin-ui/node_modules/react-router/dist/index.mjs"),
    "/w/themes/admin-ui/node_modules/react-router");
  assert.equal(packageDirOf("/w/node_modules/@patternfly/react-core/dist/esm/index.js?commonjs-proxy"),
    "/w/node_modules/@patternfly/react-core");
  assert.equal(packageDirOf("\0/w/node_modules/a/node_modules/@s/b/x.js"), "/w/node_modules/a/node_modules/@s/b");
  assert.equal(packageDirOf("/w/themes/admin-ui/src/main.tsx"), undefined);
  assert.equal(packageDirOf("\0vite/preload-helper.js"), undefined);
});

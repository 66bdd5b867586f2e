// Unit tests of the release build's checks: mvn -Prelease package runs them (npm test in tools/release) before the
// release itself, so a check that stopped failing would fail the release.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { mergeBoms, missingFromSbom, releaseNotes, sha256Line } from "../release.mjs";

const CHANGELOG = `# Changelog

## [Unreleased]

## [0.7.0] - 2027-01-10

### Added

- a thing

## [0.6.0] - 2026-12-20

- another thing

[0.7.0]: https://example.org/compare/v0.6.0...v0.7.0
`;

test("the release notes are the version's section, heading included, up to the next one", () => {
  assert.equal(releaseNotes(CHANGELOG, "0.7.0"), "## [0.7.0] - 2027-01-10\n\n### Added\n\n- a thing\n");
  assert.equal(releaseNotes(CHANGELOG, "0.6.0"), "## [0.6.0] - 2026-12-20\n\n- another thing\n");
});

test("a snapshot looks for the section of the version it leads to", () => {
  assert.match(releaseNotes(CHANGELOG, "0.7.0-SNAPSHOT"), /^## \[0\.7\.0\]/);
});

test("a version without a section fails, and so does an empty section", () => {
  assert.throws(() => releaseNotes(CHANGELOG, "0.8.0"), /no section "## \[0\.8\.0\]"/);
  assert.throws(() => releaseNotes(CHANGELOG, "0.7"), /no section/);
  assert.throws(() => releaseNotes("## [0.9.0] - 2027-02-01\n\n## [0.8.0]\n- x\n", "0.9.0"), /is empty/);
});

test("a published release's section must carry its date", () => {
  assert.match(releaseNotes(CHANGELOG, "0.7.0", true), /^## \[0\.7\.0\] - 2027-01-10/);
  assert.throws(() => releaseNotes("## [0.8.0] - Unreleased\n\n- x\n", "0.8.0", true), /no release date/);
  assert.ok(releaseNotes("## [0.8.0] - Unreleased\n\n- x\n", "0.8.0"));
});

test("the project's CHANGELOG.md has a section for the pom's default version", () => {
  const pom = readFileSync(new URL("../../../pom.xml", import.meta.url), "utf8");
  const revision = /<revision>([^<]+)<\/revision>/.exec(pom)[1];
  assert.ok(releaseNotes(readFileSync(new URL("../../../CHANGELOG.md", import.meta.url), "utf8"), revision));
});

test("the checksum file is what sha256sum -c reads", () => {
  const bytes = Buffer.from("jar bytes");
  assert.equal(sha256Line(bytes, "x-1.0.0.jar"),
    `${createHash("sha256").update(bytes).digest("hex")}  x-1.0.0.jar\n`);
});

const MAVEN = {
  metadata: { component: { type: "library", "bom-ref": "pkg:maven/g/a@1?type=jar", name: "a", version: "1" } },
  dependencies: [{ ref: "pkg:maven/g/a@1?type=jar", dependsOn: [] }],
};
const npm = (root, ...packages) => ({
  metadata: { component: { type: "application", "bom-ref": `${root}@0.0.0`, name: root, version: "0.0.0" } },
  components: packages.map(([group, name, version]) => ({
    type: "library", "bom-ref": `${group ? `${group}/` : ""}${name}@${version}`, group, name, version,
  })),
  dependencies: [{ ref: `${root}@0.0.0`, dependsOn: packages.map(([g, n, v]) => `${g ? `${g}/` : ""}${n}@${v}`) }],
});

test("the merged SBOM: the jar depends on each console, each console's packages under its name", () => {
  const sbom = mergeBoms(MAVEN, {
    "account-ui": npm("acc", ["@keycloak", "keycloak-account-ui", "26.7.4"], [undefined, "react", "18.3.1"]),
    "admin-ui": npm("adm", [undefined, "react", "18.3.1"]),
  });
  assert.equal(sbom.specVersion, "1.6");
  assert.equal(sbom.metadata.component.name, "a");
  assert.deepEqual(sbom.dependencies.find((d) => d.ref === "pkg:maven/g/a@1?type=jar").dependsOn,
    ["account-ui:acc@0.0.0", "admin-ui:adm@0.0.0"]);
  assert.deepEqual(sbom.components.map((c) => c["bom-ref"]), ["account-ui:acc@0.0.0",
    "account-ui:@keycloak/keycloak-account-ui@26.7.4", "account-ui:react@18.3.1", "admin-ui:adm@0.0.0",
    "admin-ui:react@18.3.1"]);
  assert.equal(new Set(sbom.components.map((c) => c["bom-ref"])).size, sbom.components.length);
});

test("a bundled package the SBOM lacks, or lists at another version or under the other console, is named", () => {
  const sbom = mergeBoms(MAVEN, {
    "account-ui": npm("acc", ["@patternfly", "react-core", "5.4.14"]),
    "admin-ui": npm("adm", [undefined, "react-router", "7.18.2"]),
  });
  assert.deepEqual(missingFromSbom(sbom, "account-ui", [{ name: "@patternfly/react-core", version: "5.4.14" }]), []);
  assert.deepEqual(missingFromSbom(sbom, "account-ui", [
    { name: "@patternfly/react-core", version: "5.4.15" },
    { name: "react-router", version: "7.18.2" },
  ]), ["@patternfly/react-core@5.4.15", "react-router@7.18.2"]);
});

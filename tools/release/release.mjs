// The release build's last step (mvn -Prelease package runs it after the jar and the Maven SBOM are made):
//   node tools/release/release.mjs --version 0.6.0 --jar target/x.jar --maven-bom target/release-work/maven.cdx.json
// writes into target/release/: the jar, <jar>.sha256 (sha256sum -c format), <jar name>.cdx.json (CycloneDX 1.6 SBOM
// of what the jar bundles: the Maven BOM merged with CycloneDX's own npm SBOM of each console, --omit dev) and
// <jar name>-release-notes.md (CHANGELOG.md's section of the version). It fails, and so the build fails, when the
// changelog has no section for the version, or when a package that went into a console's bundle (the list the consoles'
// Vite builds write to target/ui-bundles/) is not in the SBOM.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CONSOLES = ["account-ui", "admin-ui"];

/**
 * CHANGELOG.md's section for a version ("0.6.0-SNAPSHOT" looks for 0.6.0): from its "## [x.y.z]" heading to the next.
 * With requireDate (the release workflow), the heading must carry the release date ("## [0.6.0] - 2026-12-20").
 */
export function releaseNotes(changelog, version, requireDate = false) {
  const wanted = version.replace(/-SNAPSHOT$/, "");
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith("## ") && headingVersion(line) === wanted);
  if (start < 0) {
    throw new Error(`CHANGELOG.md has no section "## [${wanted}]": write the release notes of ${wanted} there first`);
  }
  if (requireDate && !/\s-\s\d{4}-\d{2}-\d{2}\s*$/.test(lines[start])) {
    throw new Error(`CHANGELOG.md's heading "${lines[start]}" has no release date (## [${wanted}] - YYYY-MM-DD)`);
  }
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  const section = lines.slice(start, end).filter((line) => !/^\[[^\]]+\]:\s/.test(line)).join("\n").trim();
  if (section.split("\n").slice(1).join("").trim() === "") {
    throw new Error(`CHANGELOG.md's section "## [${wanted}]" is empty`);
  }
  return section + "\n";
}

function headingVersion(line) {
  const match = /^##\s+\[?v?([0-9A-Za-z.+-]+?)\]?(\s|$)/.exec(line);
  return match ? match[1] : undefined;
}

/** The file sha256sum -c reads: "<hex>  <file name>". */
export function sha256Line(bytes, fileName) {
  return `${createHash("sha256").update(bytes).digest("hex")}  ${fileName}\n`;
}

function flatten(components) {
  return (components ?? []).flatMap((c) => [{ ...c, components: undefined }, ...flatten(c.components)]);
}

/**
 * One SBOM: the jar (the Maven BOM's component and whatever Java it bundles) depends on each console, an application
 * whose components are the npm packages of that console's SBOM. Each console's bom-refs get the console's name in
 * front, so that the two trees stay apart (a package in both is listed once per console).
 */
export function mergeBoms(mavenBom, npmBoms) {
  const jar = mavenBom.metadata.component;
  const components = [...flatten(mavenBom.components)];
  const dependencies = (mavenBom.dependencies ?? []).map((d) => ({ ...d, dependsOn: [...(d.dependsOn ?? [])] }));
  let jarDeps = dependencies.find((d) => d.ref === jar["bom-ref"]);
  if (!jarDeps) dependencies.push((jarDeps = { ref: jar["bom-ref"], dependsOn: [] }));
  const tools = [...(mavenBom.metadata.tools?.components ?? [])];
  for (const [name, bom] of Object.entries(npmBoms)) {
    const ref = (r) => `${name}:${r}`;
    const root = bom.metadata.component;
    components.push({
      ...root, type: "application", "bom-ref": ref(root["bom-ref"]), components: undefined,
      description: `The ${name} console bundled in the jar (theme personal-access-tokens)`,
    });
    jarDeps.dependsOn.push(ref(root["bom-ref"]));
    for (const c of flatten(bom.components)) components.push({ ...c, "bom-ref": ref(c["bom-ref"]) });
    for (const d of bom.dependencies ?? []) dependencies.push({ ref: ref(d.ref), dependsOn: (d.dependsOn ?? []).map(ref) });
    for (const t of bom.metadata.tools?.components ?? []) {
      if (!tools.some((k) => k.name === t.name && k.version === t.version)) tools.push(t);
    }
  }
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      lifecycles: [{ phase: "build" }],
      tools: { components: tools },
      component: jar,
    },
    components: components.map((c) => JSON.parse(JSON.stringify(c))),
    dependencies,
  };
}

/** The bundled packages (name@version) that the SBOM does not list under that console. */
export function missingFromSbom(sbom, consoleName, bundled) {
  const listed = new Set(
    sbom.components
      .filter((c) => c["bom-ref"]?.startsWith(`${consoleName}:`))
      .map((c) => `${c.group ? `${c.group}/` : ""}${c.name}@${c.version}`),
  );
  return bundled.filter((p) => !listed.has(`${p.name}@${p.version}`)).map((p) => `${p.name}@${p.version}`);
}

function npmSbom(consoleName, outFile) {
  const bin = path.join(ROOT, "tools/release/node_modules/.bin/cyclonedx-npm");
  execFileSync(bin, ["--omit", "dev", "--flatten-components", "--spec-version", "1.6", "--output-format", "JSON",
    "--mc-type", "application", "--output-reproducible", "--output-file", outFile],
  { cwd: path.join(ROOT, "themes", consoleName), stdio: ["ignore", "inherit", "inherit"] });
  return JSON.parse(readFileSync(outFile, "utf8"));
}

async function validate(sbom) {
  const { Validation, Spec } = await import("@cyclonedx/cyclonedx-library");
  const errors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(JSON.stringify(sbom));
  if (errors !== null) throw new Error(`the merged SBOM is not valid CycloneDX 1.6: ${JSON.stringify(errors).slice(0, 2000)}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      version: { type: "string" }, jar: { type: "string" }, "maven-bom": { type: "string" },
      out: { type: "string", default: path.join(ROOT, "target/release") },
      work: { type: "string", default: path.join(ROOT, "target/release-work") },
      bundles: { type: "string", default: path.join(ROOT, "target/ui-bundles") },
      "require-date": { type: "string", default: "false" },
    },
  });
  for (const required of ["version", "jar", "maven-bom"]) {
    if (!values[required]) throw new Error(`--${required} is required`);
  }
  mkdirSync(values.out, { recursive: true });
  mkdirSync(values.work, { recursive: true });
  const base = path.basename(values.jar, ".jar");

  const notes = releaseNotes(readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8"), values.version,
    values["require-date"] === "true");

  const npmBoms = Object.fromEntries(CONSOLES.map((c) => [c, npmSbom(c, path.join(values.work, `${c}.cdx.json`))]));
  const sbom = mergeBoms(JSON.parse(readFileSync(values["maven-bom"], "utf8")), npmBoms);
  const problems = [];
  for (const c of CONSOLES) {
    const listFile = path.join(values.bundles, `${c}.json`);
    if (!existsSync(listFile)) {
      problems.push(`${listFile} is missing: build the consoles first (without -Dui.skip=true once)`);
      continue;
    }
    const bundled = JSON.parse(readFileSync(listFile, "utf8")).packages;
    if (bundled.length === 0) problems.push(`${listFile} lists no package: the ${c} build did not record its bundle`);
    const missing = missingFromSbom(sbom, c, bundled);
    if (missing.length) problems.push(`the SBOM lacks packages bundled in ${c}: ${missing.join(", ")}`);
  }
  if (problems.length) throw new Error(problems.join("\n"));
  await validate(sbom);

  const jarName = path.basename(values.jar);
  copyFileSync(values.jar, path.join(values.out, jarName));
  writeFileSync(path.join(values.out, `${jarName}.sha256`), sha256Line(readFileSync(values.jar), jarName));
  writeFileSync(path.join(values.out, `${base}.cdx.json`), JSON.stringify(sbom, null, 2) + "\n");
  writeFileSync(path.join(values.out, `${base}-release-notes.md`), notes);
  const count = (c) => sbom.components.filter((k) => k["bom-ref"].startsWith(`${c}:`)).length - 1;
  console.log(`release ${values.version} in ${path.relative(process.cwd(), values.out) || "."}: ${jarName}, ${jarName}.sha256, `
    + `${base}.cdx.json (${CONSOLES.map((c) => `${c}: ${count(c)} npm packages`).join(", ")}), ${base}-release-notes.md`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`release: ${e.message}`);
    process.exit(1);
  });
}

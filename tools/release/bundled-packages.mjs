// A Vite (Rollup) plugin for both consoles: writes the npm packages whose files went into the bundle, as
// {"console": "...", "packages": [{"name": "@scope/name", "version": "1.2.3"}, ...]}, to target/ui-bundles/<console>.json.
// The release build checks that the SBOM names each of them (sbom.mjs), so the SBOM cannot miss a bundled package.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The package directory of a module id under node_modules, or undefined for the console's own files. */
export function packageDirOf(id) {
  const file = id.replace(/^\0/, "").replace(/[?#].*$/, "");
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = file.slice(at + marker.length).split(path.sep);
  const length = rest[0].startsWith("@") ? 2 : 1;
  if (rest.length <= length) return undefined;
  return file.slice(0, at + marker.length) + rest.slice(0, length).join(path.sep);
}

export default function bundledPackages(consoleName, outFile) {
  return {
    name: "kcpat-bundled-packages",
    apply: "build",
    generateBundle(_options, bundle) {
      const found = new Map();
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const id of Object.keys(output.modules)) {
          const dir = packageDirOf(id);
          if (!dir || found.has(dir)) continue;
          const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
          found.set(dir, { name: manifest.name, version: manifest.version });
        }
      }
      const packages = [...new Map([...found.values()].map((p) => [`${p.name}@${p.version}`, p])).values()]
        .sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileSync(outFile, JSON.stringify({ console: consoleName, packages }, null, 2) + "\n");
    },
  };
}

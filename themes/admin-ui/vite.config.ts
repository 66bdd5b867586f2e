import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
// the npm packages that end up in the bundle, for the release build's SBOM check (tools/release/sbom.mjs)
import bundledPackages from "../../tools/release/bundled-packages.mjs";

// PAT_ADMIN_OUT_DIR lets a developer build somewhere else (e.g. a test server's folder theme) without touching target/.
const outDir = process.env.PAT_ADMIN_OUT_DIR ?? "../../target/classes/theme/personal-access-tokens/admin/resources";

export default defineConfig({
  base: "",
  plugins: [react(), bundledPackages("admin-ui", "../../target/ui-bundles/admin-ui.json")],
  build: {
    target: "esnext", // main.tsx uses top-level await, as the stock console does
    manifest: true, // .vite/manifest.json -> Keycloak's admin index.ftl gets entryScript/entryStyles/entryImports
    sourcemap: false,
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: "src/main.tsx",
      // provided by the import map of keycloak.v2's admin index.ftl (${resourceCommonUrl}/vendor/...);
      // everything else (react-router-dom, react-i18next, i18next, PatternFly) is bundled, once.
      external: ["react", "react/jsx-runtime", "react-dom"],
      // one JS file: Keycloak links only the manifest's entry chunk
      output: { inlineDynamicImports: true },
    },
  },
});

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
// the npm packages that end up in the bundle, for the release build's SBOM check (tools/release/sbom.mjs)
import bundledPackages from "../../tools/release/bundled-packages.mjs";
import { fileURLToPath } from "node:url";

export default defineConfig({
  base: "",
  plugins: [react(), bundledPackages("account-ui", "../../target/ui-bundles/account-ui.json")],
  resolve: {
    alias: {
      // the package "exports" map only exposes ".", so deep-importing its CSS needs an alias
      "@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css": fileURLToPath(
        new URL("./node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css", import.meta.url),
      ),
    },
  },
  build: {
    target: "esnext", // main.tsx uses top-level await
    manifest: true, // dist/.vite/manifest.json -> Keycloak fills entryScript/entryStyles/entryImports
    sourcemap: false,
    // straight into the theme inside the jar: Keycloak reads .vite/manifest.json from there
    outDir: "../../target/classes/theme/personal-access-tokens/account/resources",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: "src/main.tsx",
      // provided by the importmap in index.ftl (${resourceCommonUrl}/vendor/...)
      external: ["react", "react/jsx-runtime", "react-dom"],
      // one JS file -> manifest entry has no "imports" (avoids a 404 <link rel=modulepreload href=".../_index-xxx.js">)
      output: { inlineDynamicImports: true },
    },
  },
});

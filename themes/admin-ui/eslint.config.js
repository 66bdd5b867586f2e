import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * Lint for this console and for themes/shared, which it compiles in: `npm run lint` runs it here and, with this file
 * as its config, from themes/ over shared/ (a flat config sees only files below the directory it is run from).
 */
export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "account-ui/**", "admin-ui/**", "personal-access-tokens/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // `_name` marks what is left out on purpose (a destructured field dropped, an unused parameter)
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);

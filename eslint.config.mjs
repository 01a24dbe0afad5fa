// Lint: typescript-eslint's recommended type-aware rules, plus the import boundaries of the architecture:
// src/core never imports adapters, UI, React, Office or Node built-ins; src/ui never imports adapters.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "dist-*/**", "node_modules/**", "coverage/**", "test-artifacts/**", "bin/**", "scripts/**", "*.config.*", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      eqeqeq: ["error", "always"],
      "no-restricted-syntax": ["error", { selector: "ExportDefaultDeclaration", message: "Use named exports." }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**", "**/ui/**", "**/cli/**", "**/taskpane/**"], message: "src/core imports only src/core." },
            { group: ["react", "react-dom", "@fluentui/*", "exceljs", "node:*", "fs", "path"], message: "src/core is host-independent." },
          ],
        },
      ],
    },
  },
  {
    // The pane's views reach the workbook and the files only through the ports of core/session.
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**", "**/cli/**", "**/taskpane/**"], message: "src/ui reaches hosts and files only through the ports of core/session." },
            { group: ["exceljs", "docx", "node:*"], message: "src/ui does not use file libraries directly." },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
);

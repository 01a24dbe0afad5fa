// One gate: `jest` (and so `npm test`) runs all three projects; `npm run test:unit`, `test:integration` and
// `test:browser` run one each (`jest --selectProjects <name>`).
//   unit         no program besides Node: the core, the adapters, the CLI (bundled by the global setup)
//   integration  tests that launch LibreOffice (tests/support/libreoffice.ts): the workbook's formulas
//                recalculated, the .docx rendered to PDF, the CLI importing a PDF that LibreOffice made;
//                and npm packing and installing the CLI globally (tests/integration/npm-package.test.ts)
//   browser      the built add-in in dist/addin (`npm run build`): Chromium driving the pane and the HTML
//                tables, and the manifest check against the build
// Every test file belongs to exactly one project.

const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      transform: { react: { runtime: "automatic" } },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

const TESTS = "**/*.test.{ts,tsx}";

/** Tests that launch LibreOffice (a folder ends with "/"). */
const LIBREOFFICE = ["tests/integration/", "tests/adapters/docx.test.ts", "tests/cli/import-audit.test.ts"];
/** Tests that need the built add-in (and, in tests/browser, Chromium). */
const BUILT_ADDIN = ["tests/browser/", "tests/addin/"];

/** The test files under `paths`, as testMatch globs. */
const globsOf = (paths) => paths.map((p) => `<rootDir>/${p}${p.endsWith("/") ? TESTS : ""}`);
/** The same files, as testPathIgnorePatterns (regular expressions). */
const patternsOf = (paths) => paths.map((p) => `<rootDir>/${p.replace(/\./g, "\\.")}${p.endsWith("/") ? "" : "$"}`);

// Project options are not inherited from the top level, so each project gets these.
const common = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": swc },
  moduleFileExtensions: ["ts", "tsx", "js", "cjs", "mjs", "json"],
};
// Builds the CLI bundle that tests/cli drives. Jest runs a global setup module once per run however many of
// the selected projects name it; the browser project does not need it.
const globalSetup = "<rootDir>/tests/support/global-setup.cjs";

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: "unit",
      globalSetup,
      testMatch: globsOf(["tests/"]),
      testPathIgnorePatterns: ["/node_modules/", ...patternsOf([...LIBREOFFICE, ...BUILT_ADDIN])],
    },
    { ...common, displayName: "integration", globalSetup, testMatch: globsOf(LIBREOFFICE) },
    { ...common, displayName: "browser", testMatch: globsOf(BUILT_ADDIN) },
  ],
};

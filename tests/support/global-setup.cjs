// Builds the bundled CLI before the tests, so tests/cli drives exactly what `npx nianbao` runs.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

module.exports = async function globalSetup() {
  execFileSync(process.execPath, [path.join(__dirname, "../../scripts/build-cli.mjs")], { stdio: "inherit" });
};

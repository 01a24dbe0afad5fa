// Bundles the command-line tool (and the benchmark runner) for Node with esbuild.
// Runs on `npm install` (prepare), so `npx nianbao` works without a separate build step.
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

const entries = [
  { in: "src/cli/run.ts", out: "dist/cli.cjs" },
  { in: "src/cli/audit-worker.ts", out: "dist/audit-worker.cjs" },
  { in: "bench/main.ts", out: "dist/bench.cjs" },
].filter((entry) => existsSync(entry.in));

await Promise.all(
  entries.map((entry) =>
    build({
      entryPoints: [entry.in],
      outfile: entry.out,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      sourcemap: true,
      logLevel: "warning",
      define: { NIANBAO_VERSION: JSON.stringify(version) },
    }),
  ),
);

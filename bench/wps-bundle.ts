// wps.bundleGzip: the gzipped JavaScript the WPS pane loads before it can check anything — the scripts
// dist/wps/taskpane.html loads plus the WPS host's chunk, which the pane loads at once in WPS — and, beside it,
// the size of the offline package nianbao.7z. Read from the build (`npm run bench` builds first).

import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const WPS_DIST = path.resolve(__dirname, "../dist/wps");

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
const gzipped = (file: string): number => gzipSync(readFileSync(path.join(WPS_DIST, file)), { level: 9 }).length;

export function wpsBundleGzipKb(): { kb: number; files: number; hostKb: number; packageKb: number } {
  const html = readFileSync(path.join(WPS_DIST, "taskpane.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]!);
  const host = readdirSync(WPS_DIST).filter((file) => /^wps\.[0-9a-f]+\.js$/.test(file));
  const total = [...initial, ...host].reduce((sum, file) => sum + gzipped(file), 0);
  return {
    kb: kb(total),
    files: initial.length + host.length,
    hostKb: kb(host.reduce((sum, file) => sum + gzipped(file), 0)),
    packageKb: kb(statSync(path.join(WPS_DIST, "nianbao.7z")).size),
  };
}

// In bench/main.ts, beside pane.bundleGzip:
//   import { wpsBundleGzipKb } from "./wps-bundle";
//   const wps = wpsBundleGzipKb();
//   emit({ bench: "wps.bundleGzip", kb: wps.kb, files: wps.files, host_kb: wps.hostKb, package_kb: wps.packageKb });

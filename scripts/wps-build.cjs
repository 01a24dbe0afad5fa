// The WPS 加载项 build, used by webpack.config.js: the pane's scripts lowered to ES2017 for WPS's older web
// view, and the files that deploy the add-in — publish.xml (online: an entry for the user's jsaddons folder),
// jsplugins.xml and nianbao.7z (offline: the package WPS unpacks into jsaddons/<name>_<version>/). Formats
// follow the `wpsjs` package's build and publish commands (their folder layout and XML entries), which ask
// interactive questions and so are not run here.
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { Compilation, WebpackError, sources } = require("webpack");

const PLUGIN = "NianbaoWps";

/** The add-in's name in WPS (publish.xml, jsplugins.xml, the package's folder) and its package file. */
const ADDIN_NAME = "nianbao";
const PACKAGE_FILE = `${ADDIN_NAME}.7z`;
/** Files of the online folder that are not part of the offline package. */
const DEPLOYMENT_FILES = new Set(["publish.xml", "jsplugins.xml", PACKAGE_FILE]);

/** Where the online add-in is served from when WPS_URL is not set: `python3 -m http.server 8080 -d dist/wps`. */
const DEFAULT_ONLINE_URL = "http://127.0.0.1:8080/";
/** Where offline machines keep the package when WPS_PACKAGE_URL is not set (a Linux path; see the README). */
const DEFAULT_PACKAGE_URL = `file:///opt/nianbao/${PACKAGE_FILE}`;

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);
}

/** publish.xml of the user's jsaddons folder, with the one entry that makes WPS load the add-in from `url`. */
function publishXml(url) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 年报助手 WPS 加载项（在线方式）：把下面的 jspluginonline 一行放进用户 jsaddons 文件夹的 publish.xml
     （已有 publish.xml 时，只把这一行加到 <jsplugins> 里，保留其他加载项）。url 是 dist/wps 文件夹在内网服务器上的地址，
     以 / 结尾，浏览器打开 url 加 ribbon.xml 应看到以 <customUI 开头的文本。 -->
<jsplugins>
  <jspluginonline name="${ADDIN_NAME}" type="et" url="${escapeXml(url)}" enable="enable_dev" install="null"/>
</jsplugins>
`;
}

/** jsplugins.xml for oem.ini's JSPluginsServer: the offline package at `url`, of `version`. */
function jspluginsXml(url, version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 年报助手 WPS 加载项（离线方式）：WPS 安装目录 office6/cfgs/oem.ini 中写
       [Support]
       JsApiPlugin=true
       [Server]
       JSPluginsServer=file:///本文件的路径/jsplugins.xml
     url 指向 ${PACKAGE_FILE} 所在位置；version 改变后 WPS 才会重新解压加载项。 -->
<jsplugins>
  <jsplugin name="${ADDIN_NAME}" type="et" version="${escapeXml(version)}" url="${escapeXml(url)}"/>
</jsplugins>
`;
}

/** The package's top folder, as WPS names the unpacked add-in. */
function packageFolder(version) {
  return `${ADDIN_NAME}_${version}`;
}

/**
 * A pattern of the dotAll flag (ES2018) without it: "." outside a character class becomes [\s\S], which
 * matches every code unit (and, with the u flag, every code point) as "." does under s.
 */
function withoutDotAll(pattern) {
  let lowered = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === "\\") {
      lowered += c + (pattern[i + 1] ?? "");
      i += 1;
    } else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      lowered += c === "." && !inClass ? "[\\s\\S]" : c;
    }
  }
  return lowered;
}

/**
 * The edits that remove the dotAll flag from a script: swc keeps /…/s as RegExp("…", "s"), which an engine
 * before ES2018 refuses when it runs. Regular expressions built from computed strings are left alone.
 */
function dotAllEdits(code) {
  const acorn = require("acorn");
  const edits = [];
  const stack = [acorn.parse(code, { ecmaVersion: "latest", sourceType: "script" })];
  const isString = (node) => node && node.type === "Literal" && typeof node.value === "string";
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node.type !== "string") continue;
    if (node.type === "Literal" && node.regex && node.regex.flags.includes("s")) {
      const { pattern, flags } = node.regex;
      edits.push([node.start, node.end, `/${withoutDotAll(pattern)}/${flags.replace("s", "")}`]);
    }
    if ((node.type === "CallExpression" || node.type === "NewExpression") && node.callee.type === "Identifier" && node.callee.name === "RegExp") {
      const [pattern, flags] = node.arguments;
      if (isString(pattern) && isString(flags) && flags.value.includes("s")) {
        edits.push([pattern.start, pattern.end, JSON.stringify(withoutDotAll(pattern.value))]);
        edits.push([flags.start, flags.end, JSON.stringify(flags.value.replace("s", ""))]);
      }
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc" && child && typeof child === "object") stack.push(child);
  }
  return edits;
}

/**
 * Lowers every script of the build to ES2017 with swc (jsc.target "es2017") once webpack has bundled it, and in
 * a production build minifies it in the same pass (the minimizer then leaves it alone). One pass per chunk
 * reaches the code of node_modules too (React, Fluent UI and docx ship ES2019–ES2022 syntax), and swc's helpers
 * are written once per chunk rather than once per module. Each chunk is then wrapped in a function, so that
 * the helpers stay out of the page's globals. The dotAll flag, which swc leaves to the engine, is rewritten
 * (dotAllEdits). What cannot be lowered — lookbehind in a regular expression — stays, and
 * tests/addin/wps-package.test.ts reports it. swc composes its source map with webpack's.
 */
class Es2017Plugin {
  constructor({ minify }) {
    this.minify = minify;
  }

  apply(compiler) {
    const swc = require("@swc/core");
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tapPromise({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY }, async () => {
        const scripts = compilation.getAssets().filter((asset) => asset.name.endsWith(".js"));
        await Promise.all(
          scripts.map(async (asset) => {
            const { source, map } = asset.source.sourceAndMap();
            const output = await swc.transform(String(source), {
              filename: asset.name,
              isModule: false,
              sourceMaps: Boolean(map),
              inputSourceMap: map ? JSON.stringify(map) : undefined,
              minify: this.minify,
              jsc: {
                target: "es2017",
                parser: { syntax: "ecmascript" },
                externalHelpers: false,
                // Licence comments (/*! … */, @license) stay in the scripts.
                ...(this.minify ? { minify: { compress: true, mangle: true, format: { comments: "some" } } } : {}),
              },
            });
            const lowered = new sources.ReplaceSource(
              output.map ? new sources.SourceMapSource(output.code, asset.name, output.map) : new sources.RawSource(output.code),
            );
            for (const [start, end, text] of dotAllEdits(output.code)) lowered.replace(start, end - 1, text);
            const wrapped = new sources.ConcatSource("(function(){", lowered, "\n}).call(this);");
            compilation.updateAsset(asset.name, wrapped, this.minify ? { minimized: true } : {});
          }),
        );
      });
    });
  }
}

/** The 7z program of Debian's p7zip-full (or 7zip), if installed. */
function sevenZip() {
  for (const program of ["7z", "7za", "7zz"]) {
    const probe = spawnSync(program, ["i"], { stdio: "ignore" });
    if (!probe.error && probe.status === 0) return program;
  }
  return null;
}

/**
 * Adds publish.xml and jsplugins.xml to the build, and once the files are written packs every file of the
 * add-in (not the deployment files, not the source maps) as <name>_<version>/ into nianbao.7z.
 */
class WpsPackagePlugin {
  constructor({ version, onlineUrl, packageUrl }) {
    this.version = version;
    this.onlineUrl = onlineUrl.replace(/\/*$/, "/");
    this.packageUrl = packageUrl;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset("publish.xml", new sources.RawSource(publishXml(this.onlineUrl)));
        compilation.emitAsset("jsplugins.xml", new sources.RawSource(jspluginsXml(this.packageUrl, this.version)));
      });
    });
    compiler.hooks.afterEmit.tap(PLUGIN, (compilation) => {
      if (compilation.errors.length > 0) return;
      const program = sevenZip();
      if (!program) {
        compilation.errors.push(new WebpackError(`未找到 7z 命令，无法生成 ${PACKAGE_FILE}：请先安装 p7zip-full（apt-get install p7zip-full）。`));
        return;
      }
      const output = compilation.outputOptions.path;
      const staging = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-wps-"));
      try {
        const folder = path.join(staging, packageFolder(this.version));
        for (const asset of compilation.getAssets()) {
          if (DEPLOYMENT_FILES.has(asset.name) || asset.name.endsWith(".map")) continue;
          // Webpack has dropped the assets' content by now: they are copied from the output folder.
          const target = path.join(folder, asset.name);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.copyFileSync(path.join(output, asset.name), target);
        }
        const archive = path.join(output, PACKAGE_FILE);
        fs.rmSync(archive, { force: true });
        const result = spawnSync(program, ["a", "-t7z", "-mx=7", "-bd", "-bso0", "-bsp0", archive, packageFolder(this.version)], {
          cwd: staging,
          encoding: "utf8",
        });
        if (result.status !== 0) compilation.errors.push(new WebpackError(`7z 未能生成 ${PACKAGE_FILE}：${result.stderr || result.error}`));
      } finally {
        fs.rmSync(staging, { recursive: true, force: true });
      }
    });
  }
}

module.exports = { DEFAULT_ONLINE_URL, DEFAULT_PACKAGE_URL, Es2017Plugin, WpsPackagePlugin };

// Builds the task pane and the ribbon-command page. `npm run build` writes dist/ for production (set
// ADDIN_URL to the address the add-in is served from); `npm start` serves the same app over https on
// https://localhost:3000/ for sideloading, and as a plain web page when no Office host is present.
// A build (not `npm start`) also writes dist/wps/: the same pane as a WPS 加载项, its scripts lowered to ES2017
// for WPS's older web view, with its ribbon, publish.xml, jsplugins.xml and the offline package nianbao.7z
// (WPS_URL: the address dist/wps is served from; WPS_PACKAGE_URL: where offline machines keep nianbao.7z).
// NIANBAO_DIST moves both outputs (dist/addin, dist/wps) under another folder.

const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MinimizerPlugin = require("minimizer-webpack-plugin");
const { DEV_URL, baseUrl, rewriteManifest } = require("./scripts/manifest.cjs");
const { DEFAULT_ONLINE_URL, DEFAULT_PACKAGE_URL, Es2017Plugin, WpsPackagePlugin } = require("./scripts/wps-build.cjs");
const { version } = require("./package.json");

const DIST = path.resolve(__dirname, process.env.NIANBAO_DIST || "dist");

/** The https certificate written by `npx office-addin-dev-certs install`, read directly (no trust store needed). */
function devCertificate() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { cert: "localhost.crt", key: "localhost.key", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

/** Marks a copied asset as minified already, so that the minimizer leaves it alone. */
const PUBLISHED = { minimized: true };

/**
 * The TypeScript rule: swc only strips the types (tsc checks them: npm run typecheck) and keeps the ES modules,
 * so that webpack can tree-shake Fluent UI; the options follow tsconfig.json.
 */
function typescriptRule(target) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "swc-loader",
      options: {
        jsc: {
          parser: { syntax: "typescript", tsx: true },
          transform: { react: { runtime: "automatic" }, verbatimModuleSyntax: true },
          target,
        },
        module: { type: "es6" },
      },
    },
  };
}

// swc's minifier: as small as terser's output (the pane's initial script within 1 KB gzip) in a fraction
// of the time. It takes its ECMAScript version from the configuration's target.
const minimizer = () => [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify })];

function addinConfig(production) {
  const publicUrl = baseUrl(production ? process.env.ADDIN_URL || DEV_URL : DEV_URL);
  const certificate = production ? undefined : devCertificate();
  return {
    name: "addin",
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.join(DIST, "addin"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [typescriptRule("es2022")] },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      // Microsoft's scripts are copied as published: they are minified already, and minifying 10 MB of them
      // again was most of the production build's time.
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "node_modules/@microsoft/office-js/dist/office.js", to: "office/office.js", info: PUBLISHED },
          // Outside an Office client, office.js needs its host mapping table to resolve Office.onReady.
          { from: "node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js", to: "office/[name][ext]", info: PUBLISHED },
          { from: "node_modules/@microsoft/office-js/dist/es6-promise.js", to: "office/[name][ext]", info: PUBLISHED },
          // office.js loads the host's script at run time; serve the Excel ones and two locales locally.
          {
            from: "node_modules/@microsoft/office-js/dist/excel-*-16.0*.js",
            to: "office/[name][ext]",
            globOptions: { ignore: ["**/*.debug.js"] },
            info: PUBLISHED,
          },
          { from: "node_modules/@microsoft/office-js/dist/zh-cn", to: "office/zh-cn", info: PUBLISHED },
          { from: "node_modules/@microsoft/office-js/dist/en-us", to: "office/en-us", info: PUBLISHED },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteManifest(content.toString(), publicUrl),
          },
        ],
      }),
    ],
    optimization: { minimizer: minimizer() },
    performance: { hints: false },
    devServer: {
      port: 3000,
      host: "localhost",
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.join(DIST, "addin") },
      server: certificate ? { type: "https", options: certificate } : { type: "http" },
      open: false,
      onListening: (server) => {
        const protocol = certificate ? "https" : "http";
        const { port } = server.server.address();
        console.log(`\n年报助手已启动：${protocol}://localhost:${port}/taskpane.html`);
        console.log(`  在浏览器中打开上述地址即可使用；在 Excel 中旁加载 manifest.xml 即为加载项。`);
        if (!certificate) console.log("  （未找到开发证书，使用 http。Excel 需要 https：先运行 npx office-addin-dev-certs install。）\n");
      },
    },
  };
}

/**
 * The WPS 加载项 (dist/wps/): index.html and main.js (the ribbon's callbacks), ribbon.xml, the pane page with
 * its bundle — the same entry as the add-in's pane, after the polyfills — and the icons. WPS's web view is an
 * older Chromium: webpack's own code is written for ES2017 (target), swc compiles our code for ES2017, and
 * Es2017Plugin lowers every finished chunk, dependencies included, to ES2017 and minifies it.
 */
function wpsConfig(production) {
  return {
    name: "wps",
    mode: production ? "production" : "development",
    target: ["web", "es2017"],
    // Never eval-source-map: Es2017Plugin cannot lower code held in eval strings.
    devtool: production ? "source-map" : "cheap-module-source-map",
    entry: {
      taskpane: ["./src/wps/polyfills.ts", "./src/taskpane/index.tsx"],
      main: "./src/wps/main.ts",
    },
    output: {
      path: path.join(DIST, "wps"),
      // WPS's own templates name the ribbon's script main.js; the pane's chunks carry their content hash.
      filename: (data) => (data.chunk && data.chunk.name === "main" ? "main.js" : "[name].[contenthash:8].js"),
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [typescriptRule("es2017")] },
    plugins: [
      // WPS opens index.html hidden and calls main.js's functions as soon as it has read ribbon.xml: the script
      // is loaded blocking, in the head.
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/wps/index.html", chunks: ["main"], inject: "head", scriptLoading: "blocking" }),
      // The WPS pane is lowered to ES2017 with polyfills: the page's check for web views too old for the
      // Office pane (ES2020 syntax, Object.fromEntries) does not apply to it.
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], legacyWebviewCheck: false }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/wps/ribbon.xml", to: "ribbon.xml" },
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
        ],
      }),
      new Es2017Plugin({ minify: production }),
      new WpsPackagePlugin({
        version,
        onlineUrl: process.env.WPS_URL || DEFAULT_ONLINE_URL,
        packageUrl: process.env.WPS_PACKAGE_URL || DEFAULT_PACKAGE_URL,
      }),
    ],
    optimization: { minimizer: minimizer() },
    performance: { hints: false },
  };
}

module.exports = (env, argv) => {
  const production = argv.mode === "production";
  // `npm start` serves the Office add-in and the browser app only.
  if (env.WEBPACK_SERVE) return addinConfig(production);
  return [addinConfig(production), wpsConfig(production)];
};

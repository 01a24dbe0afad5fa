// Builds the task pane and the ribbon-command page. `npm run build` writes dist/ for production (set
// ADDIN_URL to the address the add-in is served from); `npm start` serves the same app over https on
// https://localhost:3000/ for sideloading, and as a plain web page when no Office host is present.

const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const MinimizerPlugin = require("minimizer-webpack-plugin");
const { DEV_URL, baseUrl, rewriteManifest } = require("./scripts/manifest.cjs");

/** The https certificate written by `npx office-addin-dev-certs install`, read directly (no trust store needed). */
function devCertificate() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { cert: "localhost.crt", key: "localhost.key", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

/** Marks a copied asset as minified already, so that the minimizer leaves it alone. */
const PUBLISHED = { minimized: true };

module.exports = (_env, argv) => {
  const production = argv.mode === "production";
  const publicUrl = baseUrl(production ? process.env.ADDIN_URL || DEV_URL : DEV_URL);
  const certificate = production ? undefined : devCertificate();
  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist/addin"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // swc only strips the types (tsc checks them: npm run typecheck) and keeps the ES modules, so that
          // webpack can tree-shake Fluent UI; the options follow tsconfig.json.
          use: {
            loader: "swc-loader",
            options: {
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                transform: { react: { runtime: "automatic" }, verbatimModuleSyntax: true },
                target: "es2022",
              },
              module: { type: "es6" },
            },
          },
        },
      ],
    },
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
    // swc's minifier: as small as terser's output (the pane's initial script within 1 KB gzip) in a fraction
    // of the time.
    optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify })] },
    performance: { hints: false },
    devServer: {
      port: 3000,
      host: "localhost",
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist/addin") },
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
};

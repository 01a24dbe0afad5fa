// Builds the task pane and the ribbon-command page. `npm run build` writes dist/ for production (set
// ADDIN_URL to the address the add-in is served from); `npm start` serves the same app over https on
// https://localhost:3000/ for sideloading, and as a plain web page when no Office host is present.

const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DEV_URL, baseUrl, rewriteManifest } = require("./scripts/manifest.cjs");

/** The https certificate written by `npx office-addin-dev-certs install`, read directly (no trust store needed). */
function devCertificate() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { cert: "localhost.crt", key: "localhost.key", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

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
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { noEmit: false, module: "ESNext", sourceMap: true } },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/taskpane/help.html", chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "node_modules/@microsoft/office-js/dist/office.js", to: "office/office.js" },
          // Outside an Office client, office.js needs its host mapping table to resolve Office.onReady.
          { from: "node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js", to: "office/[name][ext]" },
          { from: "node_modules/@microsoft/office-js/dist/es6-promise.js", to: "office/[name][ext]" },
          // office.js loads the host's script at run time; serve the Excel ones and two locales locally.
          {
            from: "node_modules/@microsoft/office-js/dist/excel-*-16.0*.js",
            to: "office/[name][ext]",
            globOptions: { ignore: ["**/*.debug.js"] },
          },
          { from: "node_modules/@microsoft/office-js/dist/zh-cn", to: "office/zh-cn" },
          { from: "node_modules/@microsoft/office-js/dist/en-us", to: "office/en-us" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => rewriteManifest(content.toString(), publicUrl),
          },
        ],
      }),
    ],
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

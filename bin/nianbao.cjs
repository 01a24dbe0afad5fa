#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI itself is bundled into dist/cli.cjs on `npm install`.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("nianbao：尚未构建命令行工具，请先在项目目录运行 npm install。\n");
  process.exit(2);
}
require(bundle);

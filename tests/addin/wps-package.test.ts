// The WPS 加载项 as `npm run build` writes it (dist/wps/), checked offline: ribbon.xml, publish.xml and
// jsplugins.xml are well-formed (a strict XML parser) and point at files of the package; ribbon.xml starts
// with <customUI (WPS's publish page rejects an XML declaration); the ribbon's callbacks, run in a sandbox
// against a recording Application, open and toggle the pane; nianbao.7z holds the add-in as
// nianbao_<version>/ (listed and read back with 7z); every script parses as ES2017 and calls none of the
// newer built-ins WPS's older web view lacks.

import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { Node as AcornNode } from "acorn";
import { parse } from "acorn";
import { SaxesParser } from "saxes";
import { flat, flatMap, fromEntries, matchAll, stableSort, trimEnd, trimStart } from "../../src/wps/polyfills";

const ROOT = path.resolve(__dirname, "../..");
const WPS = path.join(ROOT, process.env.NIANBAO_DIST ?? "dist", "wps");
const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
const FOLDER = `nianbao_${version}`;
/** Files of dist/wps that deploy the add-in and are not part of it. */
const DEPLOYMENT = new Set(["publish.xml", "jsplugins.xml", "nianbao.7z"]);

// --- XML ---------------------------------------------------------------------------------------------------

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
}

/** Parses with a strict XML parser (throws on any well-formedness error) into a small element tree. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: "#document", attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [] };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    if (e.name === name) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}

const read = (file: string): string => readFileSync(path.join(WPS, file), "utf8");

/** Every file under dist/wps, as paths relative to it with "/". */
function packageFiles(dir = WPS, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? packageFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** The files the scripts of an HTML page load, relative to the page. */
function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
}

// --- the ribbon's callbacks in a sandbox -------------------------------------------------------------------

interface RecordedPane {
  readonly ID: number;
  readonly url: string;
  Visible: boolean;
  DockPosition: number;
  Width: number;
}

/** What main.js can reach of WPS: a recording Application (CreateTaskPane, GetTaskPane, PluginStorage). */
function createRibbonSandbox(location: string, { withApplication = true } = {}) {
  const panes: RecordedPane[] = [];
  const storage = new Map<string, string>();
  const alerts: string[] = [];
  const application = {
    CreateTaskPane(url: string): RecordedPane {
      const pane: RecordedPane = { ID: 1000 + panes.length, url, Visible: false, DockPosition: 0, Width: 0 };
      panes.push(pane);
      return pane;
    },
    GetTaskPane(id: number): RecordedPane {
      const pane = panes.find((p) => p.ID === id);
      if (!pane) throw new Error("no such task pane");
      return pane;
    },
    PluginStorage: {
      getItem: (key: string) => storage.get(key) ?? "",
      setItem: (key: string, value: string | number | boolean) => void storage.set(key, String(value)),
    },
  };
  const context = vm.createContext({
    location: { href: location },
    alert: (message: string) => void alerts.push(message),
    ...(withApplication ? { Application: application } : {}),
  });
  (context as { window: unknown }).window = context;
  vm.runInContext(read("main.js"), context, { filename: "main.js" });
  const callback = (name: string) => (context as Record<string, unknown>)[name];
  return { panes, storage, alerts, callback };
}

// --- scripts -----------------------------------------------------------------------------------------------

/** Every node of a program, without recursion (minified bundles nest deeply). */
function* nodesOf(program: AcornNode): Generator<AcornNode & Record<string, unknown>> {
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
    } else if (value !== null && typeof value === "object" && typeof (value as { type?: unknown }).type === "string") {
      const node = value as AcornNode & Record<string, unknown>;
      yield node;
      for (const [key, child] of Object.entries(node)) if (key !== "loc" && child !== null && typeof child === "object") stack.push(child);
    }
  }
}

type Expression = AcornNode & Record<string, unknown>;

/** The name a member expression reads (`a.b`, `a["b"]`), if it is a constant. */
function propertyName(member: Expression): string | null {
  const property = member.property as Expression;
  if (!member.computed && property.type === "Identifier") return property.name as string;
  if (member.computed && property.type === "Literal" && typeof property.value === "string") return property.value;
  return null;
}

/** "Object.hasOwn", "crypto.randomUUID", ".at", "structuredClone": the callee of a call, as written. */
function calleeName(callee: Expression): string | null {
  if (callee.type === "Identifier") return callee.name as string;
  if (callee.type !== "MemberExpression") return null;
  const property = propertyName(callee);
  if (property === null) return null;
  const object = callee.object as Expression;
  return object.type === "Identifier" ? `${object.name as string}.${property}` : `.${property}`;
}

/** A RegExp constructor's pattern as a literal: "/" escaped where the pattern leaves it bare. */
function regexLiteral(pattern: string, flags: string): string {
  let literal = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === "\\") {
      literal += c + (pattern[i + 1] ?? "");
      i += 1;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "]") inClass = false;
    literal += c === "/" && !inClass ? "\\/" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : c;
  }
  return `/${literal}/${flags}`;
}

/** Acorn's complaint about a script read as ES2017, with the code around it; null when it parses. */
function syntaxErrorAt2017(file: string): string | null {
  const code = read(file);
  try {
    parse(code, { ecmaVersion: 2017, sourceType: "script" });
    return null;
  } catch (error) {
    const at = (error as { pos?: number }).pos ?? 0;
    return `${(error as Error).message}: …${code.slice(Math.max(0, at - 60), at + 60)}…`;
  }
}

const SCRIPTS = packageFiles().filter((file) => file.endsWith(".js"));
const programs = new Map(SCRIPTS.map((file) => [file, parse(read(file), { ecmaVersion: "latest", sourceType: "script" })]));

// --- tests -------------------------------------------------------------------------------------------------

describe("ribbon.xml", () => {
  const source = read("ribbon.xml");
  const ribbon = parseXml(source);

  test("starts with <customUI: no XML declaration, no byte-order mark", () => {
    expect(source.startsWith("<customUI ")).toBe(true);
    expect(source).not.toContain("<?xml");
  });

  test("is Office 2006 CustomUI with a 年报助手 group on the 开始 tab holding the button that opens the pane", () => {
    expect(ribbon.name).toBe("customUI");
    expect(ribbon.attributes.xmlns).toBe("http://schemas.microsoft.com/office/2006/01/customui");
    const tabs = descendants(ribbon, "tab");
    expect(tabs.map((t) => t.attributes.idMso ?? t.attributes.insertBeforeMso)).toEqual(["TabHome"]);
    const groups = descendants(tabs[0]!, "group");
    expect(groups.map((g) => g.attributes.label)).toEqual(["年报助手"]);
    const buttons = descendants(groups[0]!, "button");
    expect(buttons.map((b) => ({ id: b.attributes.id, label: b.attributes.label, onAction: b.attributes.onAction }))).toEqual([
      { id: "nianbaoOpenPane", label: "年报助手", onAction: "OnAction" },
    ]);
  });

  test("every callback it names is a synchronous function of main.js", () => {
    const names = new Set<string>();
    for (const element of [ribbon, ...descendants(ribbon, "button")]) {
      for (const [attribute, value] of Object.entries(element.attributes)) if (/^(on|get)[A-Z]/.test(attribute)) names.add(value);
    }
    expect([...names].sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
    const sandbox = createRibbonSandbox(`http://intranet.example/nianbao/wps/index.html`);
    for (const name of names) {
      const callback = sandbox.callback(name);
      expect(typeof callback).toBe("function");
      expect((callback as () => unknown).constructor.name).toBe("Function");
    }
    expect((sandbox.callback("OnAddinLoad") as (ribbon: unknown) => unknown)({})).toBe(true);
  });

  test("the button's image is a file of the package", () => {
    const sandbox = createRibbonSandbox(`http://intranet.example/nianbao/wps/index.html`);
    const image = (sandbox.callback("GetImage") as (control: { Id: string }) => string)({ Id: "nianbaoOpenPane" });
    expect(packageFiles()).toContain(image);
  });
});

describe("main.js, the ribbon's callbacks", () => {
  type OnAction = (control: { Id: string }) => unknown;

  test("the button opens taskpane.html of the unpacked package, keeps the pane's ID in PluginStorage, and toggles it", () => {
    // An offline install under a Chinese user name: WPS passes the address percent-encoded.
    const folder = `file:///C:/Users/${encodeURI("张三")}/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/`;
    const sandbox = createRibbonSandbox(`${folder}index.html`);
    const onAction = sandbox.callback("OnAction") as OnAction;
    expect(onAction({ Id: "nianbaoOpenPane" })).toBe(true);
    expect(sandbox.panes).toHaveLength(1);
    const pane = sandbox.panes[0]!;
    expect(pane).toMatchObject({ url: `file:///C:/Users/张三/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/taskpane.html`, Visible: true });
    expect(packageFiles()).toContain(pane.url.split("/").pop());
    expect(sandbox.storage.get("nianbao.taskpaneId")).toBe(String(pane.ID));
    onAction({ Id: "nianbaoOpenPane" });
    expect(pane.Visible).toBe(false);
    onAction({ Id: "nianbaoOpenPane" });
    expect(pane.Visible).toBe(true);
    expect(sandbox.panes).toHaveLength(1);
    expect(sandbox.alerts).toEqual([]);
  });

  test("an online add-in opens the pane from its server; a pane WPS no longer has is replaced by a new one", () => {
    const sandbox = createRibbonSandbox("https://intranet.example/nianbao/wps/index.html?v=1");
    const onAction = sandbox.callback("OnAction") as OnAction;
    sandbox.storage.set("nianbao.taskpaneId", "999");
    onAction({ Id: "nianbaoOpenPane" });
    expect(sandbox.panes.map((p) => ({ url: p.url, Visible: p.Visible }))).toEqual([{ url: "https://intranet.example/nianbao/wps/taskpane.html", Visible: true }]);
    expect(sandbox.storage.get("nianbao.taskpaneId")).toBe(String(sandbox.panes[0]!.ID));
  });

  test("a failure is told in Chinese, never thrown into WPS; other controls are left alone", () => {
    const sandbox = createRibbonSandbox("https://intranet.example/nianbao/wps/index.html");
    const onAction = sandbox.callback("OnAction") as OnAction;
    expect(onAction({ Id: "somebodyElse" })).toBe(true);
    expect(sandbox.panes).toEqual([]);
    const outsideWps = createRibbonSandbox("https://intranet.example/nianbao/wps/index.html", { withApplication: false });
    expect((outsideWps.callback("OnAction") as OnAction)({ Id: "nianbaoOpenPane" })).toBe(true);
    expect(outsideWps.alerts).toEqual(["年报助手无法打开：WPS 没有提供加载项接口（Application）。请确认 WPS 已启用 JS 加载项。"]);
  });
});

describe("the pages", () => {
  test("index.html loads main.js (blocking, in the head); the pane page loads only scripts of the package", () => {
    const index = read("index.html");
    expect(scriptsOf(index)).toEqual(["main.js"]);
    expect(index).toMatch(/<head>.*<script src="main\.js"><\/script>.*<\/head>/s);
    const pane = scriptsOf(read("taskpane.html"));
    expect(pane.length).toBeGreaterThan(0);
    for (const script of pane) expect(packageFiles()).toContain(script);
    expect(packageFiles().some((file) => file.includes("office"))).toBe(false);
  });
});

describe("publish.xml (online)", () => {
  const publish = parseXml(read("publish.xml"));

  test("lists the add-in once, as an online ET add-in whose url is the folder that holds ribbon.xml and index.html", () => {
    expect(publish.name).toBe("jsplugins");
    const entries = publish.children;
    expect(entries.map((e) => e.name)).toEqual(["jspluginonline"]);
    const entry = entries[0]!.attributes;
    expect(entry).toMatchObject({ name: "nianbao", type: "et", enable: "enable_dev", install: "null" });
    const url = new URL(entry.url!);
    expect(url.protocol).toMatch(/^https?:$/);
    expect(url.pathname.endsWith("/")).toBe(true);
    // WPS fetches <url>ribbon.xml and <url>index.html: the online folder is dist/wps itself.
    for (const file of ["ribbon.xml", "index.html", "main.js", "taskpane.html"]) expect(packageFiles()).toContain(file);
  });
});

describe("jsplugins.xml and nianbao.7z (offline)", () => {
  const list = parseXml(read("jsplugins.xml"));
  const listing = execFileSync("7z", ["l", "-slt", path.join(WPS, "nianbao.7z")], { encoding: "utf8" });
  // The technical listing: the archive's own block, then one block per entry after the "----------" line.
  const entries = listing
    .split(/^-{10}$/m)[1]!
    .split(/\n\s*\n/)
    .map((block) => ({ path: /^Path = (.*)$/m.exec(block)?.[1], folder: /^Attributes = D/m.test(block) }))
    .filter((e): e is { path: string; folder: boolean } => e.path !== undefined);

  test("lists the package nianbao.7z at the version of package.json", () => {
    expect(list.name).toBe("jsplugins");
    expect(list.children.map((e) => e.name)).toEqual(["jsplugin"]);
    const entry = list.children[0]!.attributes;
    expect(entry).toMatchObject({ name: "nianbao", type: "et", version });
    expect(entry.url).toMatch(/^(file:\/\/\/|https?:\/\/).*\/nianbao\.7z$/);
    expect(packageFiles()).toContain(path.posix.basename(new URL(entry.url!).pathname));
  });

  test("the package holds the add-in in nianbao_<version>/: every file of dist/wps but the deployment files and source maps", () => {
    const expected = packageFiles().filter((file) => !DEPLOYMENT.has(file) && !file.endsWith(".map"));
    expect(entries.filter((e) => !e.folder).map((e) => e.path).sort()).toEqual(expected.map((file) => `${FOLDER}/${file}`).sort());
    expect(entries.filter((e) => e.folder).map((e) => e.path).sort()).toEqual([FOLDER, `${FOLDER}/assets`]);
    for (const file of ["ribbon.xml", "main.js", "index.html"]) {
      const packed = execFileSync("7z", ["x", "-so", path.join(WPS, "nianbao.7z"), `${FOLDER}/${file}`]);
      expect(packed.toString("utf8")).toBe(read(file));
    }
  });
});

describe("the scripts, for WPS's older web view", () => {
  test("there are the ribbon's script and the pane's", () => {
    expect(SCRIPTS).toContain("main.js");
    expect(SCRIPTS.filter((file) => file.startsWith("taskpane.")).length).toBe(1);
  });

  test.each(SCRIPTS)("%s parses as ES2017", (file) => {
    expect(syntaxErrorAt2017(file)).toBeNull();
  });

  test.each(SCRIPTS)("%s builds no regular expression newer than ES2017 through RegExp()", (file) => {
    const invalid: string[] = [];
    for (const node of nodesOf(programs.get(file)!)) {
      if (node.type !== "NewExpression" && node.type !== "CallExpression") continue;
      const callee = node.callee as Expression;
      const [pattern, flags] = node.arguments as Expression[];
      if (callee.type !== "Identifier" || callee.name !== "RegExp" || pattern?.type !== "Literal" || typeof pattern.value !== "string") continue;
      const literal = regexLiteral(pattern.value, flags?.type === "Literal" && typeof flags.value === "string" ? flags.value : "");
      try {
        parse(literal, { ecmaVersion: 2017 });
      } catch {
        invalid.push(literal);
      }
    }
    expect(invalid).toEqual([]);
  });

  test.each(SCRIPTS)("%s calls no crypto.randomUUID, .at(), Object.hasOwn or structuredClone, nor any newer built-in the polyfills lack", (file) => {
    const FORBIDDEN = /^(?:.*\.randomUUID|\.at|Object\.hasOwn|(?:.*\.)?structuredClone|.*\.(?:replaceAll|toSorted|toReversed|toSpliced|isWellFormed|toWellFormed|withResolvers|fromAsync|groupBy)|Promise\.any)$/;
    const calls = new Set<string>();
    for (const node of nodesOf(programs.get(file)!)) {
      if (node.type === "CallExpression") {
        const name = calleeName(node.callee as Expression);
        if (name !== null && FORBIDDEN.test(name)) calls.add(name);
      }
      if (node.type === "NewExpression" && ["AggregateError", "FinalizationRegistry"].includes(((node.callee as Expression).name as string | undefined) ?? "")) {
        calls.add(`new ${(node.callee as Expression).name as string}`);
      }
    }
    expect([...calls]).toEqual([]);
  });
});

describe("the polyfills (installed only where WPS's engine lacks the built-in)", () => {
  test("flat, flatMap and Object.fromEntries as ES2019 defines them", () => {
    expect(flat.call([1, [2, [3, [4]]], , 5], 2)).toEqual([1, 2, 3, [4], 5]); // eslint-disable-line no-sparse-arrays
    expect(flatMap.call(["表二", "表三"], (sheet) => [sheet, `${String(sheet)}!A1`])).toEqual(["表二", "表二!A1", "表三", "表三!A1"]);
    expect(fromEntries(new Map<string, number>([["t3.new.natural", 8]]))).toEqual({ "t3.new.natural": 8 });
  });

  test("trimStart, trimEnd and matchAll", () => {
    expect(trimStart.call("\u3000 \n 表三 ")).toBe("表三 "); // U+3000 is white space to JavaScript, as to trim()
    expect(trimEnd.call(" 表三\t\u00a0")).toBe(" 表三");
    expect([...matchAll.call("新收申请 8 件，办结 7 件", /(\d+) 件/g)].map((m) => m[1])).toEqual(["8", "7"]);
    expect(() => [...matchAll.call("8 件", /(\d+)/)]).toThrow(TypeError);
  });

  test("the stable sort keeps equal elements in order and puts undefined last", () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({ severity: index % 2 === 0 ? "error" : "warning", index }));
    const sorted = stableSort([...rows], (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    expect(sorted.map((r) => r.index)).toEqual([...rows.filter((r) => r.severity === "error"), ...rows.filter((r) => r.severity === "warning")].map((r) => r.index));
    expect(stableSort([3, undefined, 1, 2], (a, b) => (a as number) - (b as number))).toEqual([1, 2, 3, undefined]);
  });
});

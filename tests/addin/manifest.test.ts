// An offline check of the add-in manifest (office-addin-manifest validate needs the internet): well-formed,
// the identity and requirements the add-in promises, every resource id resolves, the icons exist at their
// sizes, and every URL of the built manifest points at a file of the build.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, process.env.NIANBAO_DIST ?? "dist", "addin");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_URL, rewriteManifest } = require("../../scripts/manifest.cjs") as { DEV_URL: string; rewriteManifest: (xml: string, url: string) => string };

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

/** Parses with a strict XML parser (throws on any well-formedness error) into a small element tree. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], text: "" };
    stack[stack.length - 1]!.children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => {
    stack[stack.length - 1]!.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function all(element: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    if (predicate(e)) found.push(e);
    e.children.forEach(visit);
  };
  visit(element);
  return found;
}

function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}

function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

const source = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const manifest = parseXml(source);

describe("manifest.xml", () => {
  test("is a task-pane add-in for workbooks, in zh-CN, named 年报助手", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(child(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(manifest, "DefaultLocale").text).toBe("zh-CN");
    expect(child(manifest, "DisplayName").attributes.DefaultValue).toBe("年报助手");
    expect(child(manifest, "Description").attributes.DefaultValue).toMatch(/政府信息公开/);
    expect(child(child(manifest, "Hosts"), "Host").attributes.Name).toBe("Workbook");
    expect(child(manifest, "Permissions").text).toBe("ReadWriteDocument");
    const set = child(child(child(manifest, "Requirements"), "Sets"), "Set");
    expect(set.attributes).toMatchObject({ Name: "ExcelApi", MinVersion: "1.8" });
  });

  test("puts a button on the Home tab that opens the pane", () => {
    const tab = all(manifest, (e) => e.name === "OfficeTab")[0]!;
    expect(tab.attributes.id).toBe("TabHome");
    const action = all(tab, (e) => e.name === "Action")[0]!;
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");
  });

  test("every resid resolves to a resource, and every resource is used", () => {
    const defined = new Set(all(manifest, (e) => e.name.startsWith("bt:") && e.attributes.id !== undefined).map((e) => e.attributes.id!));
    const used = new Set(all(manifest, (e) => e.attributes.resid !== undefined).map((e) => e.attributes.resid!));
    expect(used.size).toBeGreaterThan(5);
    for (const id of used) expect(defined).toContain(id);
    for (const id of defined) expect(used).toContain(id);
  });

  test("the icons exist in assets/ at 16, 32, 64 and 80 px", () => {
    for (const size of [16, 32, 64, 80]) expect(pngSize(path.join(ROOT, `assets/icon-${size}.png`))).toEqual([size, size]);
    const icons = all(manifest, (e) => e.name === "bt:Image" && e.attributes.DefaultValue !== undefined);
    for (const icon of icons) {
      const size = Number(icon.attributes.size ?? /Icon\.(\d+)x/.exec(icon.attributes.id ?? "")?.[1]);
      expect(icon.attributes.DefaultValue).toBe(`${DEV_URL}assets/icon-${size}.png`);
    }
  });

  test("a production build rewrites every URL to the production address", () => {
    const rewritten = rewriteManifest(source, "https://addin.example.gov.cn/nianbao");
    expect(rewritten).not.toContain("localhost");
    const parsed = parseXml(rewritten);
    const urls = all(parsed, (e) => e.attributes.DefaultValue?.startsWith("http") === true).map((e) => e.attributes.DefaultValue!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith("https://addin.example.gov.cn/nianbao/")).toBe(true);
    expect(all(parsed, (e) => e.name === "AppDomain").map((e) => e.text)).toEqual(["https://addin.example.gov.cn"]);
  });

  test("every URL of the built manifest points at a file of the build", () => {
    const built = readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    const urls = [...built.matchAll(/https:\/\/localhost:3000\/[^"<\s]*/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      const file = new URL(url).pathname.replace(/^\//, "");
      expect(existsSync(path.join(DIST, file))).toBe(true);
    }
  });
});

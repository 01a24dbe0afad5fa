// Characters XML 1.0 forbids never make a broken file: an agency name with U+FFFF, a control character in the
// text, half a surrogate pair — each is replaced by U+FFFD in the .xlsx and the .docx written, counted for the
// warning, and the file opens again (our reader; its XML parts hold no forbidden character).

import { packDocx } from "../../src/adapters/export/docx";
import { loadJsZip } from "../../src/adapters/import/jszip";
import { createTemplatePlan } from "../../src/adapters/workbook/plan";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";
import { writeWorkbook } from "../../src/adapters/xlsx/write-workbook";
import { createReportDocument } from "../../src/core/report";
import { RULE_PACK } from "../../src/core/rules";
import { isCellId } from "../../src/core/format";
import { UNWRITABLE_MARK, unwritableNotice, xmlSafe } from "../../src/core/values";
import { WRITTEN_NARRATIVE, metaOf } from "../support/reports";

/** Characters XML 1.0 does not allow in a document. */
function forbidden(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      i += 1;
      continue;
    }
    const ok = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd);
    if (!ok) found.push(code.toString(16));
  }
  return found;
}

async function xmlParts(data: Uint8Array): Promise<string[]> {
  const JSZip = await loadJsZip();
  const zip = await JSZip.loadAsync(data);
  const names = Object.keys(zip.files).filter((name) => name.endsWith(".xml") || name.endsWith(".rels"));
  return Promise.all(names.map((name) => zip.file(name)!.async("string")));
}

const AGENCY = "某局\uFFFF\u0001\uD800乙";

describe("text XML cannot hold", () => {
  test("replaced one for one by U+FFFD and counted; tab, line breaks and whole surrogate pairs kept", () => {
    expect(xmlSafe("a\uFFFEb\uFFFFc\u0000d\u001be")).toEqual({ text: `a${UNWRITABLE_MARK}b${UNWRITABLE_MARK}c${UNWRITABLE_MARK}d${UNWRITABLE_MARK}e`, replaced: 4 });
    expect(xmlSafe("甲\t乙\r\n丙😀")).toEqual({ text: "甲\t乙\r\n丙😀", replaced: 0 });
    expect(xmlSafe("x\uDC00y\uD800").replaced).toBe(2);
    expect(unwritableNotice(0)).toBeNull();
    expect(unwritableNotice(3)).toContain("有 3 个字符");
  });

  test("a template for an agency named with U+FFFF and control characters opens again, the name marked where they were", async () => {
    let replaced = -1;
    const data = await writeWorkbook(createTemplatePlan(metaOf({ agencyName: AGENCY, year: 2023, level: "县级部门" }), RULE_PACK), {
      onReplaced: (count) => (replaced = count),
    });
    expect(replaced).toBeGreaterThanOrEqual(3);
    for (const part of await xmlParts(data)) expect(forbidden(part)).toEqual([]);
    const content = await readWorkbook(data);
    expect(content.meta.agencyName).toBe(`某局${UNWRITABLE_MARK}${UNWRITABLE_MARK}${UNWRITABLE_MARK}乙`);
  });

  test("a .docx of a report whose text holds them opens as XML, and says how many were replaced", async () => {
    const narrative = { ...WRITTEN_NARRATIVE, texts: { ...WRITTEN_NARRATIVE.texts, "n6.other": "无其他事项\uFFFE。" } };
    const document = createReportDocument(metaOf({ agencyName: AGENCY, year: 2023 }), () => undefined, narrative, isCellId);
    let replaced = -1;
    const data = await packDocx(document, (count) => (replaced = count));
    expect(replaced).toBeGreaterThanOrEqual(4);
    const parts = await xmlParts(data);
    for (const part of parts) expect(forbidden(part)).toEqual([]);
    expect(parts.some((p) => p.includes(`无其他事项${UNWRITABLE_MARK}。`))).toBe(true);
  });
});

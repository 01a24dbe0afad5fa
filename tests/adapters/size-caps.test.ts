// Size caps: a .docx or .xlsx whose parts inflate beyond 200 MB (by the zip's own records) is refused before
// anything is inflated, with a message saying so, and a report's text beyond 4 million characters is not read —
// so a small hostile file never fills memory. The cases are built small: the caps read the records, not the bytes.

import { loadJsZip } from "../../src/adapters/import/jszip";
import { docxToText } from "../../src/adapters/import/extract-text";
import { readWorkbook } from "../../src/adapters/xlsx/read-workbook";

/** A zip whose records say `word/document.xml` (or any entry named) inflates to `size` bytes. */
async function lyingZip(entries: Record<string, string>, claimed: string, size: number): Promise<Uint8Array> {
  const JSZip = await loadJsZip();
  const zip = new JSZip();
  for (const [name, text] of Object.entries(entries)) zip.file(name, text);
  const data = Buffer.from(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  const name = Buffer.from(claimed, "utf8");
  // The central directory's record of the entry: signature PK\1\2, the uncompressed size at offset 24.
  for (let at = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    const nameLength = data.readUInt16LE(at + 28);
    if (data.subarray(at + 46, at + 46 + nameLength).equals(name)) data.writeUInt32LE(size, at + 24);
  }
  return new Uint8Array(data);
}

describe("size caps", () => {
  test("a .docx that says it inflates to 300 MB is refused before it is inflated", async () => {
    const data = await lyingZip({ "word/document.xml": "<w:document/>", "[Content_Types].xml": "<Types/>" }, "word/document.xml", 300 * 1024 * 1024);
    await expect(docxToText(data)).rejects.toThrow("文件过大（解压后超过 200 MB），未读取");
  });

  test("an .xlsx whose sheet says it inflates to 300 MB is refused with the same message", async () => {
    const data = await lyingZip({ "xl/worksheets/sheet1.xml": "<worksheet/>", "[Content_Types].xml": "<Types/>" }, "xl/worksheets/sheet1.xml", 300 * 1024 * 1024);
    await expect(readWorkbook(data)).rejects.toThrow("文件过大（解压后超过 200 MB），未读取");
  });

  test("a small .docx is read as before", async () => {
    const JSZip = await loadJsZip();
    const zip = new JSZip();
    zip.file("word/document.xml", '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>');
    expect(await docxToText(await zip.generateAsync({ type: "uint8array" }))).toContain("正文");
  });
});

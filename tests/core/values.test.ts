// The input boundary (spec §1 general cell rules, §4 E2/E6/E10): what a host hands over for one cell becomes a
// typed value plus the problems with it and the number it most likely meant. What the user typed is never
// changed: any text comes back verbatim as text; the suggestion only feeds the message.

import fc from "fast-check";
import type { CellKind } from "../../src/core/format";
import { EMPTY_META } from "../../src/core/format";
import { renderIssue } from "../../src/core/locale";
import { RULE_PACK, Validator } from "../../src/core/rules";
import type { CellValue, InputProblem, RawCell } from "../../src/core/values";
import { BLANK, isFilled, numberOf, parseCell, parseChineseNumeral, valueAsJson } from "../../src/core/values";

type Row = readonly [raw: string, kind: CellKind, problems: readonly InputProblem[], suggestion: number | null];

/** Text input: the value is the text exactly as typed; the problems and the suggestion are as listed. */
function expectText([raw, kind, problems, suggestion]: Row): void {
  expect(parseCell(raw, kind)).toEqual({ value: { kind: "text", raw }, problems, suggestion });
}

const describeRow = "%j in a %s cell";

describe("blank cells", () => {
  test.each([
    [null, "count"],
    [null, "money"],
    ["", "count"],
    ["", "money"],
  ] as const)("%j in a %s cell is blank, not zero, and no problem by itself", (raw, kind) => {
    expect(parseCell(raw, kind)).toEqual({ value: { kind: "blank" }, problems: [], suggestion: null });
  });

  test("a missing cell (undefined) is blank", () => {
    expect(parseCell(undefined, "count")).toEqual({ value: { kind: "blank" }, problems: [], suggestion: null });
  });
});

describe("plain numbers", () => {
  test.each([
    [0, "count"],
    [8, "count"],
    [514, "count"],
    [0, "money"],
    [70.319, "money"],
    [2.5, "money"],
    [10074845, "money"],
  ] as const)("%d in a %s cell is that number, with no problem", (raw, kind) => {
    expect(parseCell(raw, kind)).toEqual({ value: { kind: "number", value: raw }, problems: [], suggestion: null });
  });

  test("a negative number stays a number and is reported", () => {
    expect(parseCell(-3, "count")).toEqual({ value: { kind: "number", value: -3 }, problems: [{ code: "negative" }], suggestion: null });
    expect(parseCell(-0.5, "money")).toEqual({ value: { kind: "number", value: -0.5 }, problems: [{ code: "negative" }], suggestion: null });
  });

  test("a decimal in a count cell is reported; the same decimal in the 万元 cell is fine", () => {
    expect(parseCell(2.5, "count")).toEqual({ value: { kind: "number", value: 2.5 }, problems: [{ code: "decimalInCount" }], suggestion: null });
    expect(parseCell(2.5, "money")).toEqual({ value: { kind: "number", value: 2.5 }, problems: [], suggestion: null });
  });

  test("a negative decimal in a count cell has both problems", () => {
    expect(parseCell(-1.5, "count")).toEqual({
      value: { kind: "number", value: -1.5 },
      problems: [{ code: "negative" }, { code: "decimalInCount" }],
      suggestion: null,
    });
  });

  test.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("a non-finite number from the host (%d) is not a number to count with", (raw, text) => {
    expect(parseCell(raw, "count")).toEqual({ value: { kind: "text", raw: text }, problems: [{ code: "text" }], suggestion: null });
  });
});

describe("numbers typed as text (Excel's SUM skips them)", () => {
  test.each<Row>([
    ["8", "count", [{ code: "numberAsText" }], 8],
    ["0", "count", [{ code: "numberAsText" }], 0],
    ["70.319", "money", [{ code: "numberAsText" }], 70.319],
    ["+8", "count", [{ code: "numberAsText" }], 8],
    // The largest integer a number holds exactly: the suggestion must be the same number, not a rounded one.
    ["9007199254740991", "count", [{ code: "numberAsText" }], 9007199254740991],
    ["2.5", "count", [{ code: "numberAsText" }, { code: "decimalInCount" }], 2.5],
    ["2.5", "money", [{ code: "numberAsText" }], 2.5],
  ])(describeRow, (...row) => expectText(row));

  test.each<Row>([
    ["-5", "count", [{ code: "numberAsText" }, { code: "negative" }], -5],
    ["-0.5", "money", [{ code: "numberAsText" }, { code: "negative" }], -0.5],
  ])("negative: " + describeRow, (...row) => expectText(row));
});

describe("full-width digits", () => {
  test.each<Row>([
    ["８", "count", [{ code: "fullWidthDigits" }], 8],
    ["１２３", "count", [{ code: "fullWidthDigits" }], 123],
    ["０", "count", [{ code: "fullWidthDigits" }], 0],
    ["７０．３１９", "money", [{ code: "fullWidthDigits" }], 70.319],
    ["－５", "count", [{ code: "fullWidthDigits" }, { code: "negative" }], -5],
  ])(describeRow, (...row) => expectText(row));
});

describe("thousands separators", () => {
  test.each<Row>([
    ["1,234", "count", [{ code: "thousandsSeparator" }], 1234],
    ["1,234,567", "count", [{ code: "thousandsSeparator" }], 1234567],
    ["12,345.6", "money", [{ code: "thousandsSeparator" }], 12345.6],
    // The Chinese comma is itself a full-width symbol, so both are reported.
    ["1，234", "count", [{ code: "fullWidthDigits" }, { code: "thousandsSeparator" }], 1234],
  ])(describeRow, (...row) => expectText(row));
});

describe("units typed into the cell (the unit is in the header)", () => {
  test.each<Row>([
    ["5件", "count", [{ code: "unitInCell", detail: "件" }], 5],
    ["12 条", "count", [{ code: "unitInCell", detail: "条" }], 12],
    ["3个", "count", [{ code: "unitInCell", detail: "个" }], 3],
    // Spec §4 E6: "251000元" seen in a real report; in the 万元 cell it means 25.1 万元.
    ["251000元", "money", [{ code: "unitInCell", detail: "元" }], 25.1],
    ["3万元", "money", [{ code: "unitInCell", detail: "万元" }], 3],
    ["70.5万元", "money", [{ code: "unitInCell", detail: "万元" }], 70.5],
    // In a count cell 元 is only a stray unit: nothing to convert.
    ["251000元", "count", [{ code: "unitInCell", detail: "元" }], 251000],
  ])(describeRow, (...row) => expectText(row));
});

describe("scientific notation typed as text (spec §4 E10)", () => {
  test.each<Row>([
    // Example 000: 1.0074845E7 under 万元.
    ["1.0074845E7", "money", [{ code: "scientificText" }], 10074845],
    ["1.0074845E7", "count", [{ code: "scientificText" }], 10074845],
    ["1e3", "count", [{ code: "scientificText" }], 1000],
    ["2.5E+2", "count", [{ code: "scientificText" }], 250],
  ])(describeRow, (...row) => expectText(row));
});

describe("a formula whose result the file did not keep", () => {
  test.each<Row>([
    ["=SUM(D4:I4)", "count", [{ code: "formulaWithoutValue" }], null],
    [" =D4+E4", "count", [{ code: "formulaWithoutValue" }], null],
  ])(describeRow, (...row) => expectText(row));

  test("named as a formula in the message, not as text", () => {
    const validator = new Validator(RULE_PACK);
    validator.load(new Map([["t3.new.total", "=SUM(D4:I4)"]]), EMPTY_META);
    const issue = validator.issues().find((i) => i.id === "R-INPUT.t3.new.total");
    expect(issue).toBeDefined();
    const text = renderIssue(issue!).text;
    expect(text).toContain("是公式“=SUM(D4:I4)”，文件中没有保存其计算结果");
    expect(text).not.toContain("文字");
  });
  // A lone = is text, as typed.
  test.each<Row>([["=", "count", [{ code: "text" }], null]])(describeRow, (...row) => expectText(row));
});

describe("Chinese numerals", () => {
  test.each<Row>([
    ["八", "count", [{ code: "chineseNumeral" }], 8],
    ["十二", "count", [{ code: "chineseNumeral" }], 12],
    ["一百零五", "count", [{ code: "chineseNumeral" }], 105],
    ["三万二千", "count", [{ code: "chineseNumeral" }], 32000],
    ["零", "count", [{ code: "chineseNumeral" }], 0],
    ["八件", "count", [{ code: "unitInCell", detail: "件" }, { code: "chineseNumeral" }], 8],
  ])(describeRow, (...row) => expectText(row));

  test.each([
    ["八", 8],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十五", 25],
    ["一百", 100],
    ["一百零五", 105],
    ["一千零一十", 1010],
    ["两千", 2000],
    ["三万二千", 32000],
    ["一万", 10000],
    ["十万", 100000],
    ["零", 0],
    ["〇", 0],
    ["捌", 8],
    ["壹佰零伍", 105],
  ])("parseChineseNumeral(%j) = %d", (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  test.each(["", "8", "八a", "八 ", "见附件", "无", "八点五", "万", "一二三", "五五", "十十", "一万万", "千百"])("parseChineseNumeral(%j) is not a numeral", (text) => {
    expect(parseChineseNumeral(text)).toBeNull();
  });
});

describe("not-applicable marks are text, with nothing to suggest (write 0 for none)", () => {
  test.each(["/", "／", "—", "——", "-", "－", "无", "不适用"])("%j", (raw) => {
    for (const kind of ["count", "money"] as const) {
      expectText([raw, kind, [{ code: "notApplicableMark" }], null]);
    }
  });

  test("a mark with stray spaces is still a mark", () => {
    expectText([" / ", "count", [{ code: "surroundingSpaces" }, { code: "notApplicableMark" }], null]);
  });
});

describe("stray spaces", () => {
  test.each<Row>([
    [" 8 ", "count", [{ code: "surroundingSpaces" }], 8],
    ["8 ", "count", [{ code: "surroundingSpaces" }], 8],
    ["\t8\n", "count", [{ code: "surroundingSpaces" }], 8],
    // U+3000 ideographic space, as typed with a Chinese input method.
    ["８\u3000", "count", [{ code: "surroundingSpaces" }, { code: "fullWidthDigits" }], 8],
  ])(describeRow, (...row) => expectText(row));

  test.each<Row>([
    ["   ", "count", [{ code: "onlySpaces" }], null],
    [" ", "money", [{ code: "onlySpaces" }], null],
    ["\u3000", "count", [{ code: "onlySpaces" }], null],
  ])("only spaces: " + describeRow, (...row) => expectText(row));
});

describe("formula errors and booleans", () => {
  test.each(["#REF!", "#VALUE!", "#DIV/0!", "#N/A"])("the formula error %s is kept as an error value", (code) => {
    expect(parseCell({ error: code }, "count")).toEqual({ value: { kind: "error", code }, problems: [{ code: "formulaError" }], suggestion: null });
  });

  test.each([
    [true, "TRUE"],
    [false, "FALSE"],
  ])("the logical value %s is not a number", (raw, text) => {
    expect(parseCell(raw, "count")).toEqual({ value: { kind: "text", raw: text }, problems: [{ code: "booleanValue" }], suggestion: null });
  });
});

describe("arbitrary text", () => {
  test.each<Row>([
    ["见附件", "count", [{ code: "text" }], null],
    ["约20", "count", [{ code: "text" }], null],
    ["8件（含结转）", "count", [{ code: "text" }], null],
    ["abc", "money", [{ code: "text" }], null],
  ])(describeRow, (...row) => expectText(row));
});

describe("several problems at once", () => {
  test.each<Row>([
    [
      "１,２３４件",
      "count",
      [{ code: "fullWidthDigits" }, { code: "unitInCell", detail: "件" }, { code: "thousandsSeparator" }],
      1234,
    ],
    [" 1,234 ", "count", [{ code: "surroundingSpaces" }, { code: "thousandsSeparator" }], 1234],
    ["2.5件", "count", [{ code: "unitInCell", detail: "件" }, { code: "decimalInCount" }], 2.5],
    ["-3件", "count", [{ code: "unitInCell", detail: "件" }, { code: "negative" }], -3],
    ["1,000元", "money", [{ code: "unitInCell", detail: "元" }, { code: "thousandsSeparator" }], 0.1],
  ])(describeRow, (...row) => expectText(row));
});

describe("properties of the input boundary", () => {
  // Strings from the whole of Unicode, plus strings built from the pieces that matter here.
  const cellText = fc
    .oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc
        .array(
          fc.constantFrom(
            "0", "1", "8", "９", "０", ",", "，", ".", "．", "-", "－", "+", "E", "e", " ", "\u3000",
            "件", "元", "万元", "十", "百", "八", "万", "零", "/", "—", "无", "#REF!",
          ),
          { maxLength: 12 },
        )
        .map((parts) => parts.join("")),
    )
    .filter((text) => text !== "");
  const kind = fc.constantFrom<CellKind>("count", "money");

  test("any non-empty string comes back verbatim as text, with at least one problem, and never throws", () => {
    fc.assert(
      fc.property(cellText, kind, (raw, cellKind) => {
        const typed = parseCell(raw, cellKind);
        expect(typed.value).toEqual({ kind: "text", raw });
        expect(typed.value.kind === "text" && typed.value.raw === raw).toBe(true);
        expect(typed.problems.length).toBeGreaterThan(0);
        expect(typed.suggestion === null || Number.isFinite(typed.suggestion)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test("any non-negative integer as a number in a count cell is that number, with no problem", () => {
    const integers = fc.oneof(fc.maxSafeNat(), fc.double({ min: 2 ** 53, max: Number.MAX_VALUE, noNaN: true }).map(Math.trunc));
    fc.assert(
      fc.property(integers, (n) => {
        expect(parseCell(n, "count")).toEqual({ value: { kind: "number", value: n }, problems: [], suggestion: null });
      }),
    );
  });

  test("any non-negative finite number in the 万元 cell is that number, with no problem", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), (n) => {
        expect(parseCell(n, "money")).toEqual({ value: { kind: "number", value: n }, problems: [], suggestion: null });
      }),
    );
  });

  test("a whole number typed as text is reported as text and suggests that number", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseCell(String(n), "count")).toEqual({ value: { kind: "text", raw: String(n) }, problems: [{ code: "numberAsText" }], suggestion: n });
      }),
    );
  });
});

describe("cell values", () => {
  const values: ReadonlyArray<readonly [string, CellValue | undefined, number | string | null, number | null, boolean]> = [
    // name, value, valueAsJson, numberOf, isFilled
    ["missing", undefined, null, null, false],
    ["blank", BLANK, null, null, false],
    ["zero", { kind: "number", value: 0 }, 0, 0, true],
    ["a number", { kind: "number", value: 70.319 }, 70.319, 70.319, true],
    ["text", { kind: "text", raw: "８" }, "８", null, true],
    ["a mark", { kind: "text", raw: "/" }, "/", null, true],
    ["spaces", { kind: "text", raw: "   " }, "   ", null, true],
    ["an error", { kind: "error", code: "#REF!" }, "#REF!", null, true],
  ];

  test.each(values)("%s: valueAsJson, numberOf, isFilled", (_, value, json, number, filled) => {
    expect(valueAsJson(value)).toBe(json);
    expect(numberOf(value)).toBe(number);
    expect(isFilled(value)).toBe(filled);
  });

  test("BLANK is the blank value", () => {
    expect(BLANK).toEqual({ kind: "blank" });
  });
});

describe("messages for input problems (R-INPUT, rendered in zh-CN)", () => {
  function inputMessage(id: string, raw: RawCell): string {
    const v = new Validator(RULE_PACK);
    v.load({ [id]: raw }, EMPTY_META);
    const issues = v.issues().filter((i) => i.rule === "R-INPUT");
    expect(issues.map((i) => i.cells)).toEqual([[id]]);
    const [issue] = issues;
    return issue ? renderIssue(issue).text : "";
  }

  test("full-width ８ in 表三!D4: names the cell, says 全角, suggests 8", () => {
    const text = inputMessage("t3.new.natural", "８");
    expect(text).toContain("表三!D4");
    expect(text).toContain("全角");
    expect(text).toMatch(/改为\s*8(?![\d.])/);
  });

  test("251000元 in the 万元 fee cell: says the unit is 万元 and that it should be 25.1", () => {
    const text = inputMessage("t2.fee.amountWan", "251000元");
    expect(text).toContain("表二!B14");
    expect(text).toContain("万元");
    expect(text).toContain("25.1");
  });

  test("“/” in 表三!D4: says to fill 0 for none", () => {
    const text = inputMessage("t3.new.natural", "/");
    expect(text).toContain("表三!D4");
    expect(text).toMatch(/填写\s*0/);
  });

  test("a plain number is no input issue", () => {
    const v = new Validator(RULE_PACK);
    v.load({ "t3.new.natural": 8 }, EMPTY_META);
    expect(v.issues().filter((i) => i.rule === "R-INPUT")).toEqual([]);
  });
});

// What offices type for their level, read as the format's seven levels (src/core/format/level-aliases.ts): the
// usual names of each tier (区 and 县级市 are 县级; 自治州 and 设区的市 are 市级; 自治区 and 直辖市 are 省级; 乡镇 and
// 街道 are 乡级 governments), never a guess where the text does not say 政府 or 部门.

import type { AgencyLevel, LevelReading } from "../../src/core/format";
import { AGENCY_LEVELS, LEVEL_ALIAS_EXAMPLES, levelAliasNote, levelProblemText, readAgencyLevel } from "../../src/core/format";

test.each(AGENCY_LEVELS.map((level) => [level]))("%s is itself, not an alias", (level) => {
  expect(readAgencyLevel(level)).toEqual({ kind: "level", level, alias: false });
  expect(readAgencyLevel(` ${level}\u3000`)).toEqual({ kind: "level", level, alias: false });
});

const ALIASES: readonly (readonly [string, AgencyLevel])[] = [
  ["区级部门", "县级部门"],
  ["区县级部门", "县级部门"],
  ["县区级部门", "县级部门"],
  ["县（市、区）级部门", "县级部门"],
  ["县(区)直部门", "县级部门"],
  ["区直单位", "县级部门"],
  ["县直属机关", "县级部门"],
  ["区政府工作部门", "县级部门"],
  ["县级市政府部门", "县级部门"],
  ["旗直部门", "县级部门"],
  ["县区政府", "县级政府"],
  ["区政府", "县级政府"],
  ["区人民政府", "县级政府"],
  ["县级人民政府", "县级政府"],
  ["县级市人民政府", "县级政府"],
  ["市辖区政府", "县级政府"],
  ["自治县人民政府", "县级政府"],
  ["乡镇政府", "乡级政府"],
  ["乡镇人民政府", "乡级政府"],
  ["镇政府", "乡级政府"],
  ["乡级", "乡级政府"],
  ["乡镇（街道）", "乡级政府"],
  ["街道办事处", "乡级政府"],
  ["街道办", "乡级政府"],
  ["街道", "乡级政府"],
  ["苏木", "乡级政府"],
  ["市直部门", "市级部门"],
  ["市直", "市级部门"],
  ["市属部门", "市级部门"],
  ["市政府组成部门", "市级部门"],
  ["地级市直属单位", "市级部门"],
  ["州直部门", "市级部门"],
  ["市人民政府", "市级政府"],
  ["设区的市人民政府", "市级政府"],
  ["自治州人民政府", "市级政府"],
  ["盟行政公署", "市级政府"],
  ["省直部门", "省级部门"],
  ["省直单位", "省级部门"],
  ["自治区直属机关", "省级部门"],
  ["省人民政府", "省级政府"],
  ["自治区人民政府", "省级政府"],
  ["直辖市人民政府", "省级政府"],
  ["县 级 部 门", "县级部门"],
];

test.each(ALIASES)("%s is read as %s, and said so", (typed, level) => {
  expect(readAgencyLevel(typed)).toEqual({ kind: "level", level, alias: true });
});

test("the examples offered to users are all read", () => {
  for (const example of LEVEL_ALIAS_EXAMPLES) expect(readAgencyLevel(example)).toMatchObject({ kind: "level", alias: true });
});

test("the note names what was typed and the level it stands for", () => {
  expect(levelAliasNote(" 区级部门 ", "县级部门")).toBe("已将“区级部门”按“县级部门”处理。");
});

test.each<[string, LevelReading]>([
  ["县级", { kind: "tier-only", tier: "县级" }],
  ["区", { kind: "tier-only", tier: "县级" }],
  ["市级", { kind: "tier-only", tier: "市级" }],
  ["省", { kind: "tier-only", tier: "省级" }],
  ["乡镇部门", { kind: "township-department" }],
  ["街道直属单位", { kind: "township-department" }],
  ["教育局", { kind: "unknown" }],
  ["市县政府", { kind: "unknown" }],
  ["市属", { kind: "unknown" }],
  ["国务院部门", { kind: "unknown" }],
  ["", { kind: "unknown" }],
])("%j is not guessed: %j", (typed, reading) => {
  expect(readAgencyLevel(typed)).toEqual(reading);
});

test("what is wrong is said with what is accepted", () => {
  expect(levelProblemText({ kind: "tier-only", tier: "县级" })).toBe("请写明是政府还是部门：县级政府 或 县级部门。");
  expect(levelProblemText({ kind: "township-department" })).toBe("乡镇、街道一级只有“乡级政府”一种层级，请写 乡级政府。");
  const unknown = levelProblemText({ kind: "unknown" });
  for (const level of AGENCY_LEVELS) expect(unknown).toContain(level);
  expect(unknown).toContain("街道办事处");
});

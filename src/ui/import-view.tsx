// 导入: fill the workbook from a published report (pasted text, or a .docx / .html / .xlsx file — last year's,
// often left by a predecessor): the tables, the agency and the year, and the 正文 parts, as `nianbao import -o`
// does (core/import/fill-plan.ts). What the user wrote — a cell of another value, another agency or year, a 正文
// part of their own text — is never replaced without the user's confirmation; cells the import could not read
// with confidence are listed with the reason, and so is the text not put into the 正文 (last year's opening).

import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import { checkReport, previousYearOf } from "../core/check";
import type { CellId } from "../core/format";
import { INPUT_CELLS, getCell } from "../core/format";
import type { Fill, FillConflict, FillPlan } from "../core/import";
import { leftOutSentence, planFill } from "../core/import";
import type { NarrativeKey } from "../core/report";
import { NARRATIVE_FIELDS } from "../core/report";
import type { DocumentPort, ReportFile, SessionState, ValidationSession } from "../core/session";
import type { RawCell } from "../core/values";
import { parseCell, valueAsJson } from "../core/values";
import { SAID_MARGINS, useSaidInView } from "./said-in-view";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  said: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, ...SAID_MARGINS },
});

function display(raw: RawCell | undefined, id: CellId): string {
  const value = valueAsJson(parseCell(raw ?? null, getCell(id).kind).value);
  return value === null ? "空白" : String(value);
}

const PART_LABELS: ReadonlyMap<NarrativeKey, string> = new Map(NARRATIVE_FIELDS.map((f) => [f.key, f.label]));

/** The longest stretch of a text quoted in a list. */
const QUOTE_LIMIT = 60;

function quote(text: string): string {
  return `“${text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text}”`;
}

/** One line of the confirmation dialog: what is there now, and what the report has; cells named as the host names them. */
function conflictLine(conflict: FillConflict, cellName: (id: CellId) => string): string {
  switch (conflict.kind) {
    case "cell":
      return `${cellName(conflict.id)}：现为 ${display(conflict.now, conflict.id)}，报告中为 ${conflict.imported}`;
    case "agency":
      return `机关名称：现为“${conflict.now}”，报告中为“${conflict.imported}”`;
    case "year":
      return `报告年度：现为 ${conflict.now}年，报告中为 ${conflict.imported}年`;
    case "text":
      return `正文“${PART_LABELS.get(conflict.key) ?? conflict.key}”已有内容：${quote(conflict.now)}`;
  }
}

/** What was entered, in one sentence. */
function filledSentence(fill: Fill, narrativeWritten: boolean): string {
  const parts = [`${fill.cells.size} 个单元格`];
  if (fill.wrote.agency) parts.push(`机关名称“${fill.meta?.agencyName ?? ""}”`);
  if (fill.wrote.year) parts.push(`报告年度 ${fill.meta?.year ?? ""}年`);
  if (narrativeWritten && fill.parts.length > 0) parts.push(`正文 ${fill.parts.length} 个部分`);
  return `已填入 ${parts.join("、")}${fill.kept > 0 ? `，保留了 ${fill.kept} 项原有内容` : ""}。`;
}

/** The numbers of a report read, by cell: only numbers are entered into the workbook. */
function numbersOf(file: ReportFile): Map<CellId, number> {
  const numbers = new Map<CellId, number>();
  for (const [id, raw] of file.source.cells) if (typeof raw === "number") numbers.set(id, raw);
  return numbers;
}

export function ImportView({
  session,
  state,
  documents,
}: {
  readonly session: ValidationSession;
  readonly state: SessionState;
  readonly documents: DocumentPort;
}): React.JSX.Element {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [result, setResult] = useState<ReportFile | null>(null);
  const [plan, setPlan] = useState<FillPlan | null>(null);
  const conflicts = plan !== null && plan.conflicts.length > 0 ? plan.conflicts : null;
  /** Set once the report was entered: the 正文 issues are then listed for review. */
  const [filled, setFilled] = useState(false);
  const [message, setMessage] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [comparison, setComparison] = useState<string[] | null>(null);
  const said = useSaidInView(message, comparison);

  const read = (file: ReportFile): void => {
    setResult(file);
    setMessage(null);
    setComparison(null);
    setFilled(false);
  };

  // What was read and what was not, counted by the one check, as everywhere.
  const checked = result ? checkReport(result.source, { text: false }) : null;
  const numbers = result ? numbersOf(result) : new Map<CellId, number>();
  const readCount = numbers.size;
  const leftOut = result?.imported?.leftOut ?? [];
  const fillable =
    result !== null &&
    (readCount > 0 ||
      result.source.meta.agencyName !== null ||
      result.source.meta.year !== null ||
      Object.values(result.source.narrative?.texts ?? {}).some((t) => t.trim().length > 0));
  // The agency, the year and every 正文 part in the dialog; cells up to a screenful.
  const cellConflicts = (conflicts ?? []).filter((c) => c.kind === "cell");
  const shownConflicts = [...(conflicts ?? []).filter((c) => c.kind !== "cell"), ...cellConflicts.slice(0, 8)];
  const hiddenCells = Math.max(0, cellConflicts.length - 8);
  // The check's issues on the report text, as the 校验 view lists them, once the report was entered.
  const textIssues = state.issues.filter((i) => i.group === "text" && i.scope === "text");

  const fill = async (planned: FillPlan, overwrite: boolean): Promise<void> => {
    const fill = planned.fill(overwrite);
    setPlan(null);
    let narrativeWritten = false;
    try {
      // The agency and the year first: in Excel and WPS this also makes the tables when there are none yet.
      if (fill.meta !== null || !session.getState().hasTemplate) await session.applyTemplate(fill.meta ?? session.getState().meta);
      if (fill.cells.size > 0) await session.writeCells(fill.cells);
      if (fill.narrative !== null && session.writesNarrative) {
        await session.writeNarrative(fill.narrative);
        narrativeWritten = true;
      }
    } catch (error) {
      setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) });
      return;
    }
    const unwritten = fill.narrative !== null && !narrativeWritten ? "正文未能自动写入，请在“正文”表中填写。" : "";
    setFilled(true);
    setMessage({ intent: "success", text: `${filledSentence(fill, narrativeWritten)}${unwritten}请在“校验”页查看校验结果。` });
  };

  const start = async (): Promise<void> => {
    if (!result) return;
    const planned = planFill({ meta: session.getState().meta, cells: session.filledCells(), narrative: await session.readNarrative() }, result.source);
    if (planned.conflicts.length > 0) setPlan(planned);
    else await fill(planned, false);
  };

  const compare = async (): Promise<void> => {
    if (!result) return;
    const issues = await session.compareWithPrevious(previousYearOf(result.source));
    setComparison(issues.map((i) => i.text));
  };

  return (
    <section className={styles.root} aria-label="导入报告">
      <Caption1>
        粘贴已发布的年度报告全文（网页或 PDF 复制的文字均可），或打开 .docx、.html、.xlsx 文件：可将其中统计表的数字填入本工作簿，
        也可作为上年报告，核对本年的上年结转、现行有效件数和正文是否雷同。
      </Caption1>
      <Field label="报告全文">
        <Textarea value={text} onChange={(_, data) => setText(data.value)} rows={8} resize="vertical" data-testid="import-text" />
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={text.trim().length === 0} onClick={() => read(documents.readText(text))}>
          读取
        </Button>
        <Button onClick={() => file.current?.click()}>打开文件…</Button>
        <input
          ref={file}
          type="file"
          accept=".txt,.html,.htm,.docx,.xlsx"
          hidden
          aria-label="打开报告文件"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            if (chosen) {
              chosen
                .arrayBuffer()
                .then((data) => documents.readFile(chosen.name, new Uint8Array(data)))
                .then(read, (error: unknown) => setMessage({ intent: "error", text: error instanceof Error ? error.message : String(error) }));
            }
          }}
        />
      </div>
      {result ? (
        <div data-testid="import-result">
          <Caption1 block>
            {result.source.meta.agencyName ?? "机关名称未识别"} · {result.source.meta.year === null ? "年度未识别" : `${result.source.meta.year}年度`} · 已读取{" "}
            {readCount} / {INPUT_CELLS.length} 个单元格
          </Caption1>
          {(checked?.unread.length ?? 0) > 0 ? (
            <ul className={styles.list}>
              {(checked?.unread ?? []).map((entry, i) => (
                <li key={i}>
                  <Caption1>
                    未读取 {entry.cells.length} 个单元格：{entry.reason}
                  </Caption1>
                </li>
              ))}
            </ul>
          ) : null}
          {leftOut.length > 0 ? (
            <ul className={styles.list} data-testid="import-left-out">
              {leftOut.map((entry, i) => (
                <li key={i}>
                  <Caption1>{leftOutSentence(entry)}</Caption1>
                </li>
              ))}
            </ul>
          ) : null}
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={!fillable} onClick={() => void start()}>
              填入统计表和正文
            </Button>
            <Button disabled={readCount === 0} onClick={() => void compare()}>
              作为上年报告核对
            </Button>
          </div>
        </div>
      ) : null}
      <div ref={said} className={styles.said} role="status" aria-live="polite">
        {comparison ? (
          <div data-testid="import-comparison">
            <Caption1 block>{comparison.length === 0 ? "与上年报告核对：上年结转、现行有效件数和正文均未发现问题。" : `与上年报告核对，有 ${comparison.length} 项提示：`}</Caption1>
            <ul className={styles.list}>
              {comparison.map((text, i) => (
                <li key={i}>
                  <Caption1>{text}</Caption1>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {message ? (
          <MessageBar intent={message.intent} data-testid="import-message">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
        {filled && textIssues.length > 0 ? (
          <div data-testid="import-review">
            <Caption1 block>填入的正文有 {textIssues.length} 项需要核实（沿用上年报告的文字常与本年自动生成的内容重复）：</Caption1>
            <ul className={styles.list}>
              {textIssues.map((issue) => (
                <li key={issue.id}>
                  <Caption1>{issue.text}</Caption1>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <Dialog open={conflicts !== null} onOpenChange={(_, data) => !data.open && setPlan(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>有 {conflicts?.length ?? 0} 项已填写的内容与报告不同</DialogTitle>
            <DialogContent>
              <ul className={styles.list}>
                {shownConflicts.map((c, i) => (
                  <li key={i}>{conflictLine(c, (id) => session.cellName(id))}</li>
                ))}
              </ul>
              {hiddenCells > 0 ? <Caption1 block>另有 {hiddenCells} 个单元格不同。</Caption1> : null}
              <Caption1 block>“只填空白处”保留以上内容，只填入尚未填写的单元格、机关名称、年度和正文部分。</Caption1>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => plan && void fill(plan, false)}>
                只填空白处
              </Button>
              <Button onClick={() => plan && void fill(plan, true)}>全部覆盖</Button>
              <Button onClick={() => setPlan(null)}>取消</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

// 导入: fill the tables from a published report (pasted text, or a .docx / .html / .xlsx file — last year's,
// often left by a predecessor). Cells that already hold a different value are never overwritten without the
// user's confirmation; cells the import could not read with confidence are listed with the reason.

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
import { INPUT_CELLS, getCell, standardAddress } from "../core/format";
import type { DocumentPort, ReportFile, SessionState, ValidationSession } from "../core/session";
import type { RawCell } from "../core/values";
import { parseCell, valueAsJson } from "../core/values";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function same(a: RawCell | undefined, b: RawCell): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b);
}

function display(raw: RawCell | undefined, id: CellId): string {
  const value = valueAsJson(parseCell(raw ?? null, getCell(id).kind).value);
  return value === null ? "空白" : String(value);
}

/** The numbers of a report read, by cell: only numbers are entered into the workbook. */
function numbersOf(file: ReportFile): Map<CellId, number> {
  const numbers = new Map<CellId, number>();
  for (const [id, raw] of file.source.cells) if (typeof raw === "number") numbers.set(id, raw);
  return numbers;
}

export function ImportView({
  session,
  documents,
}: {
  readonly session: ValidationSession;
  readonly state: SessionState;
  readonly documents: DocumentPort;
}): React.JSX.Element {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [result, setResult] = useState<ReportFile | null>(null);
  const [conflicts, setConflicts] = useState<{ id: CellId; now: RawCell; imported: number }[] | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error" | "info"; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const [comparison, setComparison] = useState<string[] | null>(null);

  const read = (file: ReportFile): void => {
    setResult(file);
    setMessage(null);
    setComparison(null);
  };

  // What was read and what was not, counted by the one check, as everywhere.
  const checked = result ? checkReport(result.source, { text: false }) : null;
  const numbers = result ? numbersOf(result) : new Map<CellId, number>();
  const readCount = numbers.size;

  const fill = async (overwrite: boolean): Promise<void> => {
    if (!result) return;
    const filled = session.filledCells();
    const cells = new Map<CellId, RawCell>();
    let kept = 0;
    for (const [id, value] of numbers) {
      const now = filled.get(id);
      if (now !== undefined && !same(now, value) && !overwrite) {
        kept += 1;
        continue;
      }
      cells.set(id, value);
    }
    setConflicts(null);
    await session.writeCells(cells);
    setMessage({ intent: "success", text: `已填入 ${cells.size} 个单元格${kept > 0 ? `，保留了 ${kept} 个原有数值` : ""}。请在“校验”页查看校验结果。` });
  };

  const start = (): void => {
    if (!result) return;
    const filled = session.filledCells();
    const differing = [...numbers]
      .filter(([id, value]) => filled.has(id) && !same(filled.get(id), value))
      .map(([id, value]) => ({ id, now: filled.get(id) ?? null, imported: value }));
    if (differing.length > 0) setConflicts(differing);
    else void fill(false);
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
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={readCount === 0} onClick={start}>
              填入统计表
            </Button>
            <Button disabled={readCount === 0} onClick={() => void compare()}>
              作为上年报告核对
            </Button>
          </div>
        </div>
      ) : null}
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
      <Dialog open={conflicts !== null} onOpenChange={(_, data) => !data.open && setConflicts(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>有 {conflicts?.length ?? 0} 个单元格已填写了不同的数值</DialogTitle>
            <DialogContent>
              <ul className={styles.list}>
                {(conflicts ?? []).slice(0, 8).map((c) => (
                  <li key={c.id}>
                    {standardAddress(c.id)}：现为 {display(c.now, c.id)}，报告中为 {c.imported}
                  </li>
                ))}
              </ul>
              {(conflicts?.length ?? 0) > 8 ? <Caption1>等 {conflicts?.length} 个。</Caption1> : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void fill(false)}>
                只填空白单元格
              </Button>
              <Button onClick={() => void fill(true)}>全部覆盖</Button>
              <Button onClick={() => setConflicts(null)}>取消</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

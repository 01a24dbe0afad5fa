// The app outside Office: the three tables in the page beside the same pane (under it on a narrow screen),
// with .xlsx open and save. Opening says what the workbook gave that is not a figure (the check's own
// messages for those cells) and what saving again will not keep.

import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import { MIME, downloadFile } from "./download";
import type { DocumentPort, InPageWorkbook, OpenedWorkbook, ValidationSession } from "../core/session";
import { LABEL_LOCATOR, formatAddresses } from "../core/locale";
import { Pane } from "./pane";
import { NarrativeEditor } from "./narrative-editor";
import { TablesView } from "./tables-view";
import { useSessionState } from "./use-session";

/** Where the pane no longer fits beside the tables. */
const NARROW = "@media (max-width: 999px)";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2 },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  body: {
    display: "flex",
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    alignItems: "flex-start",
    // Below about 1000 px the pane goes under the tables: beside them it would squeeze them unreadable.
    [NARROW]: { flexDirection: "column", alignItems: "stretch", padding: tokens.spacingHorizontalS },
  },
  // minWidth 0: a flex item may shrink below its content, so that each table scrolls inside its own box
  // (tables-view.tsx) instead of widening the page.
  main: { flex: "1 1 auto", minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  pane: {
    flex: "0 0 360px",
    position: "sticky",
    top: tokens.spacingVerticalL,
    maxHeight: "calc(100vh - 100px)",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    [NARROW]: { flex: "0 0 auto", position: "static", maxHeight: "none", overflowY: "visible" },
  },
  message: { overflowWrap: "anywhere" },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** How many cells the message after opening lists one by one (the 校验 list has them all). */
const LISTED = 20;

type Message = { readonly intent: "success" | "warning" | "error"; readonly title: string; readonly lines: readonly string[] };

/**
 * What the message after opening says beyond 已打开: the cells that hold no number, in the check's own words
 * (R-INPUT: text, units, marks, formulas without a value), the cells not read and why, and what saving again
 * will not keep.
 */
export function openedLines(opened: OpenedWorkbook, session: ValidationSession): string[] {
  const lines: string[] = [];
  const notNumbers = session.getState().issues.filter((issue) => issue.rule === "R-INPUT");
  for (const issue of notNumbers.slice(0, LISTED)) lines.push(issue.text);
  if (notNumbers.length > LISTED) lines.push(`另有 ${notNumbers.length - LISTED} 个单元格不是数字，见“校验”。`);
  for (const entry of opened.unread) lines.push(`未能读取 ${entry.cells.length} 个单元格：${entry.reason}。`);
  if (opened.formulasAsValues.length > 0) {
    lines.push(
      `${formatAddresses(opened.formulasAsValues, LABEL_LOCATOR, 8)}中的公式引用了保存时不保留的工作表、名称或单元格，` +
        `保存为 .xlsx 时只保存其数值。`,
    );
  }
  if (opened.otherSheets.length > 0) {
    lines.push(
      `保存为 .xlsx 时只保存基本信息、统计表、正文和校验，工作簿中的其他工作表不会保存：` +
        `${opened.otherSheets.map((name) => `“${name}”`).join("、")}。请另存为新文件，不要覆盖原工作簿。`,
    );
  }
  return lines;
}


export function BrowserApp({
  host,
  session,
  documents,
}: {
  readonly host: InPageWorkbook;
  readonly session: ValidationSession;
  readonly documents: DocumentPort;
}): React.JSX.Element {
  const styles = useStyles();
  const state = useSessionState(session);
  const file = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState(false);

  const open = async (input: HTMLInputElement): Promise<void> => {
    const chosen = input.files?.[0];
    // The same file may be chosen again after it was changed elsewhere.
    input.value = "";
    if (!chosen) return;
    try {
      const opened = await host.openXlsx(new Uint8Array(await chosen.arrayBuffer()));
      // The check of what was opened, so that the message says what the 校验 list says.
      await session.recheck();
      const lines = openedLines(opened, session);
      setMessage({ intent: lines.length > 0 ? "warning" : "success", title: `已打开 ${chosen.name}。`, lines });
    } catch (error) {
      setMessage({ intent: "error", title: `无法打开 ${chosen.name}：${error instanceof Error ? error.message : String(error)}`, lines: [] });
    }
  };
  const save = async (): Promise<void> => {
    try {
      const data = await host.saveXlsx();
      const meta = session.getState().meta;
      downloadFile(data, `${meta.agencyName ?? ""}${meta.year ?? ""}年报统计表.xlsx`, MIME.xlsx);
      setMessage({ intent: "success", title: "已生成 .xlsx 工作簿（含校验公式），请在浏览器的下载中查看。", lines: [] });
    } catch (error) {
      setMessage({ intent: "error", title: `保存失败：${error instanceof Error ? error.message : String(error)}`, lines: [] });
    }
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="p">年报助手</Title2>
        <Caption1>政府信息公开工作年度报告统计表（国办公开办函〔2021〕30号格式）· 填写内容保存在本浏览器中</Caption1>
        <Button onClick={() => file.current?.click()}>打开 .xlsx…</Button>
        <input ref={file} type="file" accept=".xlsx" hidden aria-label="打开 .xlsx 文件" onChange={(event) => void open(event.target)} />
        <Button appearance="primary" onClick={() => void save()}>
          保存为 .xlsx
        </Button>
        {/* An alert dialog in the page (not window.confirm, which some embedded browsers block): focus starts on
            取消, Esc cancels, and closing returns the focus to 清空. */}
        <Dialog modalType="alert" open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="subtle">清空</Button>
          </DialogTrigger>
          <DialogSurface aria-describedby="clear-tables-description">
            <DialogBody>
              <DialogTitle>清空统计表</DialogTitle>
              <DialogContent id="clear-tables-description">
                将清空表二、表三、表四中已填写的全部内容和已确认的提示说明，此操作不能撤销。基本信息和正文不受影响。
              </DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button>取消</Button>
                </DialogTrigger>
                <Button
                  appearance="primary"
                  onClick={() => {
                    host.clear();
                    setConfirming(false);
                    setMessage({ intent: "success", title: "已清空统计表。", lines: [] });
                  }}
                >
                  清空
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </header>
      <div className={styles.body}>
        {/* The page's main content; the pane beside it is the complementary landmark (pane.tsx). */}
        <main className={styles.main} aria-label="统计表和正文">
          {/* Inside the main landmark: what opening or saving says is about the tables below. */}
          {message ? (
            <MessageBar intent={message.intent} layout="multiline" className={styles.message} data-testid="app-message">
              <MessageBarBody>
                <MessageBarTitle>{message.title}</MessageBarTitle>
                {message.lines.length > 0 ? (
                  <ul className={styles.list}>
                    {message.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <TablesView host={host} state={state} />
          <NarrativeEditor host={host} />
        </main>
        <aside className={styles.pane}>
          <Pane session={session} documents={documents} />
        </aside>
      </div>
    </div>
  );
}

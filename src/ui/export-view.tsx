// 导出: the report built from the sheet and the 正文, its text checks, and one-click export: download the
// .docx, copy the plain text, copy the HTML. The .docx packer is loaded on demand.

import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { MIME, downloadFile } from "./download";
import type { CheckResult } from "../core/check";
import { VERDICT_LABELS } from "../core/check";
import type { ReportDocument } from "../core/report";
import type { DocumentPort, SessionState, ValidationSession } from "../core/session";
import { COPY_MESSAGES, copyToClipboard } from "./copy-text";
import { SAID_MARGINS, useSaidInView } from "./said-in-view";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Each item is a button that starts with 强制 or 提示: no list bullets (they would sit beside a button box).
  issues: { margin: 0, paddingLeft: 0, listStyleType: "none", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  dialogText: { width: "100%", minHeight: "320px" },
  // Scrolled into view with a margin: not flush with the pane's bottom edge.
  said: SAID_MARGINS,
  issueButton: { textAlign: "left", justifyContent: "flex-start", fontWeight: tokens.fontWeightRegular, height: "auto", minHeight: "auto" },
});

interface Report {
  readonly document: ReportDocument;
  readonly result: CheckResult;
}

export function ExportView({
  session,
  state,
  documents,
}: {
  readonly session: ValidationSession;
  readonly state: SessionState;
  readonly documents: DocumentPort;
}): React.JSX.Element {
  const styles = useStyles();
  const [report, setReport] = useState<Report | null>(null);
  // Each message is new (a serial): the same text said twice is announced and brought into view twice.
  const [message, setMessage] = useState<{ intent: "success" | "warning" | "error"; text: string; serial: number } | null>(null);
  const serial = useRef(0);
  const say = (intent: "success" | "warning" | "error", text: string): void => {
    serial.current += 1;
    setMessage({ intent, text, serial: serial.current });
  };
  const said = useSaidInView(message);
  const [dialog, setDialog] = useState<{ title: string; text: string } | null>(null);
  // Exporting a report that is not ready asks first: what is wrong, a way to go to it, or export anyway.
  const [asking, setAsking] = useState<{ readonly action: string; readonly run: () => Promise<void> } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  const build = async (): Promise<Report | null> => {
    try {
      const built = await session.buildReport();
      setReport(built);
      return built;
    } catch (error) {
      say("error", `无法生成报告：${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  // Rebuild whenever the workbook was checked again (values or 正文 changed).
  useEffect(() => {
    void build();
  }, [state.checkedAt]);

  const copy = async (kind: "text" | "html"): Promise<void> => {
    const built = (await build()) ?? report;
    if (!built) return;
    const content = kind === "text" ? documents.packText(built.document) : documents.packHtml(built.document);
    const method = await copyToClipboard(content);
    if (method) {
      say("success", `${kind === "text" ? "报告文本" : "报告 HTML"}${COPY_MESSAGES[method]}`);
      return;
    }
    setDialog({ title: kind === "text" ? "报告文本" : "报告 HTML", text: content });
    say("warning", COPY_MESSAGES.dialog);
  };

  const downloadDocx = async (): Promise<void> => {
    const built = (await build()) ?? report;
    if (!built) return;
    try {
      const data = await documents.packDocx(built.document);
      downloadFile(data, `${built.document.title}.docx`, MIME.docx);
      say("success", "已生成 .docx 文件，请在下载中查看。若没有出现下载（部分 Office 版本不允许下载），请使用“复制文本”。");
    } catch (error) {
      say("error", `生成 .docx 失败：${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const toSheet = async (): Promise<void> => {
    if (!dialog) return;
    try {
      const sheet = await session.writeReportText(dialog.text.split("\n"));
      say("success", COPY_MESSAGES.sheet.replace("{sheet}", sheet));
      setDialog(null);
    } catch (error) {
      say("error", error instanceof Error ? error.message : String(error));
    }
  };

  // The same list as 校验 (tables and text), 强制 first; the counts are the check's.
  const open = (report?.result.issues ?? []).filter((i) => i.confirmation === null);
  const issues = [...open.filter((i) => i.severity === "error"), ...open.filter((i) => i.severity === "warning")];
  const { summary } = state;
  /** What stands between the report and publishing it, in words, or null when nothing does. */
  const notReady = (): string | null => {
    const parts: string[] = [];
    if (summary.errors > 0) parts.push(`还有 ${summary.errors} 项强制错误`);
    if (summary.verdict === "incomplete") parts.push("还有未完成的内容（未填写的单元格、尚未撰写的正文部分或机关名称、年度在报告中显示为“【…】”）");
    return parts.length === 0 ? null : parts.join("，");
  };
  const guarded = (action: string, run: () => Promise<void>) => (): void => {
    if (notReady() === null) void run();
    else setAsking({ action, run });
  };
  const goTo = (issue: (typeof issues)[number]): void => {
    setAsking(null);
    void session.select(issue);
  };
  const tableErrors = summary.tables.errors;
  return (
    <section className={styles.root} aria-label="导出报告">
      <Caption1>
        报告全文由统计表和“正文”生成：表中数字自动写入“总体情况”和“其他需要报告的事项”，三张统计表按官方格式排版。
      </Caption1>
      {tableErrors > 0 ? (
        <MessageBar intent="error">
          <MessageBarBody>统计表还有 {tableErrors} 项强制校验不通过，请先在“校验”页改正。</MessageBarBody>
        </MessageBar>
      ) : null}
      {issues.length > 0 ? (
        <div aria-label="检查结果">
          <Caption1>
            检查结果：{VERDICT_LABELS[summary.verdict]}，强制 {summary.errors} 项，提示 {summary.warnings} 项
          </Caption1>
          <ul className={styles.issues}>
            {issues.slice(0, 12).map((issue) => (
              <li key={issue.id} data-issue={issue.id}>
                <Button appearance="transparent" size="small" className={styles.issueButton} onClick={() => goTo(issue)}>
                  {issue.severity === "error" ? "强制" : "提示"}：{issue.text}
                </Button>
              </li>
            ))}
          </ul>
          {issues.length > 12 ? <Caption1>另有 {issues.length - 12} 项。</Caption1> : null}
        </div>
      ) : report ? (
        <MessageBar intent={summary.verdict === "pass" ? "success" : "info"}>
          <MessageBarBody>{summary.verdict === "pass" ? "统计表和正文检查均未发现问题。" : "尚未完成：还有单元格未填写或正文尚未撰写。"}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={guarded("下载 .docx", downloadDocx)}>
          下载 .docx
        </Button>
        <Button onClick={guarded("复制文本", () => copy("text"))}>复制文本</Button>
        <Button onClick={guarded("复制 HTML", () => copy("html"))}>复制 HTML</Button>
      </div>
      {/* Right under the buttons, and scrolled into view when it changes: in a 350 px pane the buttons are
          often at the bottom edge. The live region is always there so that screen readers announce each message. */}
      <div ref={said} className={styles.said} role="status" aria-live="polite">
        {message ? (
          <MessageBar key={message.serial} intent={message.intent} data-testid="export-message">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <Dialog open={asking !== null} onOpenChange={(_, data) => !data.open && setAsking(null)}>
        <DialogSurface aria-describedby="export-not-ready">
          <DialogBody>
            <DialogTitle>报告尚不能发布</DialogTitle>
            <DialogContent>
              <p id="export-not-ready">报告{notReady() ?? ""}。现在{asking?.action ?? "导出"}，得到的报告会带有这些问题。可点击下列问题转到相应位置处理：</p>
              <ul className={styles.issues}>
                {issues
                  .filter((i) => i.severity === "error")
                  .slice(0, 6)
                  .map((issue) => (
                    <li key={issue.id}>
                      <Button appearance="transparent" size="small" className={styles.issueButton} onClick={() => goTo(issue)}>
                        {issue.text}
                      </Button>
                    </li>
                  ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button
                onClick={() => {
                  const run = asking?.run;
                  setAsking(null);
                  if (run) void run();
                }}
              >
                仍然{asking?.action ?? "导出"}
              </Button>
              <Button appearance="primary" onClick={() => setAsking(null)}>
                返回处理
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={dialog !== null} onOpenChange={(_, data) => !data.open && setDialog(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{dialog?.title}</DialogTitle>
            <DialogContent>
              <Textarea
                className={styles.dialogText}
                value={dialog?.text ?? ""}
                readOnly
                textarea={{ ref: area, autoFocus: true, onFocus: (event) => event.currentTarget.select() }}
                aria-label="报告全文（已选中，按 Ctrl+C 复制）"
              />
            </DialogContent>
            <DialogActions>
              {session.hostKind !== "browser" ? <Button onClick={() => void toSheet()}>写入“报告文本”工作表</Button> : null}
              <Button appearance="primary" onClick={() => setDialog(null)}>
                关闭
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}

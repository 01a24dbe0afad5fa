// 校验: the live list of issues grouped by table and severity, with counts and progress; clicking an issue
// selects its cells; a 提示 can be confirmed with a short explanation that is stored in the workbook.

import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Subtitle2,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ruleName } from "../core/locale";
import type { PaneIssue, SessionState, ValidationSession } from "../core/session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  toolbar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  issue: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    cursor: "pointer",
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  warning: { borderLeft: `4px solid ${tokens.colorPaletteYellowBorder2}` },
  confirmed: { borderLeft: `4px solid ${tokens.colorNeutralStroke1}`, opacity: 0.8 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

const GROUP_TITLES: Readonly<Record<PaneIssue["group"], string>> = {
  t2: "表二 主动公开政府信息情况",
  t3: "表三 收到和处理政府信息公开申请情况",
  t4: "表四 行政复议、行政诉讼情况",
  text: "正文（报告文字）",
  meta: "工作簿",
};

function IssueItem({ issue, session }: { readonly issue: PaneIssue; readonly session: ValidationSession }): React.JSX.Element {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const select = (): void => void session.select(issue);
  const className = mergeClasses(styles.issue, issue.severity === "warning" && styles.warning, issue.confirmation !== null && styles.confirmed);
  const location = session.locationOf(issue);
  const where = `${ruleName(issue.rule)}${location === "" ? "" : ` · ${location}`}`;
  return (
    <li className={className} data-rule={issue.rule} data-issue={issue.id}>
      {/* The name says everything the item shows, in the order shown (WCAG 2.5.3), with its severity first. */}
      <div
        role="button"
        tabIndex={0}
        aria-label={`${issue.severity === "error" ? "强制" : "提示"}：${issue.text} ${where}`}
        onClick={select}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            select();
          }
        }}
      >
        <span>{issue.text}</span>
        <Caption1 block data-testid="issue-location">
          {where}
        </Caption1>
      </div>
      {issue.confirmation !== null ? (
        <div className={styles.actions}>
          <Caption1>已确认：{issue.confirmation.note}</Caption1>
          <Button size="small" appearance="subtle" onClick={() => void session.unconfirm(issue.id)}>
            撤销确认
          </Button>
        </div>
      ) : null}
      {issue.severity === "warning" && issue.confirmation === null && !confirming ? (
        <div className={styles.actions}>
          <Button size="small" onClick={() => setConfirming(true)}>
            确认无误…
          </Button>
        </div>
      ) : null}
      {confirming ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            session.confirm(issue.id, note).then(
              () => setConfirming(false),
              (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
            );
          }}
        >
          <Field label="确认说明（随工作簿保存）" validationMessage={error} validationState={error ? "error" : "none"}>
            <Textarea value={note} onChange={(_, data) => setNote(data.value)} resize="vertical" />
          </Field>
          <div className={styles.actions}>
            <Button size="small" appearance="primary" type="submit">
              保存确认
            </Button>
            <Button size="small" onClick={() => setConfirming(false)}>
              取消
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

export function CheckView({ session, state }: { readonly session: ValidationSession; readonly state: SessionState }): React.JSX.Element {
  const styles = useStyles();
  const { summary } = state;
  const groups = (["t2", "t3", "t4", "text", "meta"] as const)
    .map((group) => ({ group, issues: state.issues.filter((i) => i.group === group) }))
    .filter((g) => g.issues.length > 0);
  return (
    <section className={styles.root} aria-label="校验结果">
      <div className={styles.toolbar}>
        <Button onClick={() => void session.recheck()} disabled={state.phase === "reading"}>
          重新校验
        </Button>
        <Caption1>
          强制 {summary.errors} 项 · 提示 {summary.warnings} 项{summary.confirmed > 0 ? ` · 已确认 ${summary.confirmed} 项` : ""}
        </Caption1>
      </div>
      <Field label={`已填 ${summary.filled} / ${summary.cells}`}>
        <ProgressBar value={summary.cells === 0 ? 0 : summary.filled / summary.cells} />
      </Field>
      {state.hostError ? (
        <MessageBar intent="error">
          <MessageBarBody>{state.hostError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!state.hasTemplate ? (
        <MessageBar intent="info">
          <MessageBarBody>本工作簿还没有统计表。请在“模板”页填写机关信息并生成统计表。</MessageBarBody>
        </MessageBar>
      ) : groups.length === 0 ? (
        summary.verdict === "pass" ? (
          <MessageBar intent="success">
            <MessageBarBody>全部通过：统计表的勾稽关系、填写校验和正文检查均未发现问题。</MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info">
            <MessageBarBody>尚未完成：还有单元格未填写或未能读取，填写完整后才能判定是否通过。</MessageBarBody>
          </MessageBar>
        )
      ) : (
        groups.map((group) => (
          <section key={group.group} aria-label={GROUP_TITLES[group.group]}>
            <Subtitle2 as="h2">
              {GROUP_TITLES[group.group]}（{group.issues.length}）
            </Subtitle2>
            {(["error", "warning"] as const).map((severity) => {
              const issues = group.issues.filter((i) => i.severity === severity);
              if (issues.length === 0) return null;
              return (
                <div key={severity}>
                  <Caption1 as="h3">{severity === "error" ? `强制（必须改正）${issues.length} 项` : `提示（请核实）${issues.length} 项`}</Caption1>
                  <ul className={styles.group}>
                    {issues.map((issue) => (
                      <IssueItem key={issue.id} issue={issue} session={session} />
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        ))
      )}
    </section>
  );
}

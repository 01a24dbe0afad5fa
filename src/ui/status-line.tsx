// The status line: always says whether the workbook is valid, and when it was last checked; screen readers
// hear the verdict when it changes.

import { Badge, Caption1, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { VERDICT_LABELS } from "../core/check";
import type { SessionState } from "../core/session";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function time(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The badge: the check's verdict in its words, with the figure behind it. */
export function statusText(state: SessionState): { text: string; tone: "success" | "danger" | "warning" | "informative" } {
  if (!state.hasTemplate) return { text: "尚未生成统计表", tone: "informative" };
  const { summary } = state;
  const label = VERDICT_LABELS[summary.verdict];
  switch (summary.verdict) {
    case "errors":
      return { text: `${label}（${summary.errors} 项）`, tone: "danger" };
    case "incomplete":
      return { text: summary.filled < summary.cells ? `${label}（尚有 ${summary.cells - summary.filled} 个单元格未填写）` : label, tone: "informative" };
    case "warnings":
      return { text: `${label}（${summary.warnings} 项）`, tone: "warning" };
    case "pass":
      return { text: label, tone: "success" };
  }
}

export function StatusLine({ state }: { readonly state: SessionState }): React.JSX.Element {
  const styles = useStyles();
  const { text, tone } = statusText(state);
  const busy = state.phase === "reading" || state.phase === "writing";
  return (
    <div className={styles.root} data-testid="status-line">
      {/* Only the verdict is announced: the count and the time change with every keystroke in the tables. */}
      <span role="status" aria-live="polite">
        <Badge appearance="filled" color={tone}>
          {text}
        </Badge>
      </span>
      <Caption1>
        已填 {state.summary.filled} / {state.summary.cells}
        {state.checkedAt ? ` · 上次校验 ${time(state.checkedAt)}` : " · 尚未校验"}
      </Caption1>
      {busy ? <Spinner size="extra-tiny" label={state.phase === "writing" ? "正在写入" : "正在读取"} /> : null}
    </div>
  );
}

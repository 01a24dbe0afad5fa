// The status line: always says whether the workbook is valid, and when it was last checked.

import { Badge, Caption1, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { SessionState } from "../core/session";

const useStyles = makeStyles({
  root: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

function time(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function statusText(state: SessionState): { text: string; tone: "success" | "danger" | "warning" | "informative" } {
  if (!state.hasTemplate) return { text: "尚未生成统计表", tone: "informative" };
  if (state.errors > 0) return { text: `有 ${state.errors} 项强制校验不通过`, tone: "danger" };
  if (state.warnings > 0) return { text: `强制校验通过，${state.warnings} 项提示待核实`, tone: "warning" };
  return { text: "校验通过", tone: "success" };
}

export function StatusLine({ state }: { readonly state: SessionState }): React.JSX.Element {
  const styles = useStyles();
  const { text, tone } = statusText(state);
  const busy = state.phase === "reading" || state.phase === "writing";
  return (
    <div className={styles.root} role="status" aria-live="polite" data-testid="status-line">
      <Badge appearance="filled" color={tone}>
        {text}
      </Badge>
      <Caption1>
        已填 {state.filled} / {state.cells}
        {state.checkedAt ? ` · 上次校验 ${time(state.checkedAt)}` : " · 尚未校验"}
      </Caption1>
      {busy ? <Spinner size="extra-tiny" label={state.phase === "writing" ? "正在写入" : "正在读取"} /> : null}
    </div>
  );
}

// The pane's start view: what the add-in covers, drawn from the format data and the rule pack.

import { Body1, Caption1, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { INPUT_CELLS, TABLES } from "../core/format";
import { RULE_PACK } from "../core/rules";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
});

export interface StartPaneProps {
  readonly host: "excel" | "browser";
}

export function StartPane({ host }: StartPaneProps): React.JSX.Element {
  const styles = useStyles();
  const families = new Set(RULE_PACK.map((r) => r.family)).size;
  return (
    <main className={styles.root} aria-label="年报助手">
      <Title3 as="h1">年报助手</Title3>
      <Body1>
        政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）：{TABLES.map((t) => t.sheetName).join("、")}共 {INPUT_CELLS.length} 个填报单元格，
        {families} 类 {RULE_PACK.length} 条校验规则。
      </Body1>
      <Caption1>{host === "excel" ? "已连接 Excel。" : "当前未在 Office 中运行。"}</Caption1>
    </main>
  );
}

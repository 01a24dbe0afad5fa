// 模板: agency name, year, level → creates (or refreshes) the official tables in this workbook.

import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { AgencyLevel, ReportMeta } from "../core/format";
import { AGENCY_LEVELS, EMPTY_META } from "../core/format";
import type { SessionState, ValidationSession } from "../core/session";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Outcome = { readonly intent: "success" | "error"; readonly text: string } | null;

export function TemplateView({ session, state }: { readonly session: ValidationSession; readonly state: SessionState }): React.JSX.Element {
  const styles = useStyles();
  const [agency, setAgency] = useState(state.meta.agencyName ?? "");
  const [year, setYear] = useState(state.meta.year === null ? String(new Date().getFullYear() - 1) : String(state.meta.year));
  const [level, setLevel] = useState<AgencyLevel | null>(state.meta.level);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const busy = state.phase === "writing";
  const yearValid = /^\d{4}$/.test(year) && Number(year) >= 2021 && Number(year) <= 2100;

  const submit = async (): Promise<void> => {
    if (!yearValid) return;
    const meta: ReportMeta = { ...EMPTY_META, agencyName: agency.trim() || null, year: Number(year), level };
    try {
      const result = await session.applyTemplate(meta);
      const after = session.getState();
      setOutcome({
        intent: "success",
        text: `已生成${result.sheets.filter((s) => s.startsWith("表")).join("、")}。${after.summary.filled > 0 ? `已保留原有的 ${after.summary.filled} 个填报数值。` : "请在表中填写数字。"}`,
      });
    } catch (error) {
      setOutcome({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form
      className={styles.form}
      aria-label="生成统计表"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Field label="机关名称" hint="如：某县教育局">
        <Input value={agency} onChange={(_, data) => setAgency(data.value)} name="agency" />
      </Field>
      <Field
        label="报告年度"
        required
        validationState={yearValid ? "none" : "error"}
        validationMessage={yearValid ? "统计期限为该年 1 月 1 日至 12 月 31 日" : "请填写 2021 年以后的四位年度数字"}
      >
        <Input value={year} onChange={(_, data) => setYear(data.value)} name="year" inputMode="numeric" />
      </Field>
      <Field label="机关层级" hint="用于判断规章、收费金额等提示">
        <Dropdown
          placeholder="请选择"
          value={level ?? ""}
          selectedOptions={level ? [level] : []}
          onOptionSelect={(_, data) => setLevel((data.optionValue as AgencyLevel | undefined) ?? null)}
        >
          {AGENCY_LEVELS.map((l) => (
            <Option key={l} value={l}>
              {l}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !yearValid}>
        {state.hasTemplate ? "更新统计表" : "生成统计表"}
      </Button>
      {outcome ? (
        <MessageBar intent={outcome.intent}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </form>
  );
}

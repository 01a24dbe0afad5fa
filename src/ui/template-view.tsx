// 模板: agency name, year, level → creates (or refreshes) the official tables in this workbook. What the user
// types is kept as typed: across the pane's tabs (a draft per session), and in the browser app, where the
// tables always exist, it is the report's metadata at once (saved in the page's workbook, checked, used by
// 保存为 .xlsx and 导出). The year shown is the year used: the browser app suggests none it would not use.

import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { AgencyLevel, ReportMeta } from "../core/format";
import { AGENCY_LEVELS, EMPTY_META } from "../core/format";
import type { SessionState, ValidationSession } from "../core/session";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

type Outcome = { readonly intent: "success" | "error"; readonly text: string } | null;

interface Draft {
  readonly agency: string;
  /** 简称: how the generated sentences name the agency; empty for 本机关. */
  readonly shortName: string;
  readonly year: string;
  readonly level: AgencyLevel | null;
  /** The metadata the draft was typed over (Office, WPS) or stands for (the browser app). */
  readonly basis: string;
}

/** What the user typed, per session: the view is unmounted while another tab of the pane is shown. */
const DRAFTS = new WeakMap<ValidationSession, Draft>();

const metaKey = (meta: ReportMeta): string => JSON.stringify([meta.agencyName, meta.shortName ?? "", meta.year, meta.level]);

export function isReportYear(text: string): boolean {
  return /^\d{4}$/.test(text) && Number(text) >= 2021 && Number(text) <= 2100;
}

interface Fields {
  readonly agency: string;
  readonly shortName: string;
  readonly year: string;
  readonly level: AgencyLevel | null;
}

/** The metadata the fields stand for, over the rest of `base` (the format version); an empty 简称 is none. */
function metaOfFields(base: ReportMeta, fields: Fields): ReportMeta {
  const rest: ReportMeta = { ...EMPTY_META, ...base };
  delete (rest as { shortName?: string }).shortName;
  const shortName = fields.shortName.trim();
  return {
    ...rest,
    agencyName: fields.agency.trim() || null,
    year: isReportYear(fields.year) ? Number(fields.year) : null,
    level: fields.level,
    ...(shortName === "" ? {} : { shortName }),
  };
}

export function TemplateView({ session, state }: { readonly session: ValidationSession; readonly state: SessionState }): React.JSX.Element {
  const styles = useStyles();
  // In the browser app the fields are the report's metadata as typed; elsewhere they wait for 生成统计表.
  const live = session.hostKind === "browser";
  const suggestedYear = String(new Date().getFullYear() - 1);
  const [initial] = useState(() => {
    const draft = DRAFTS.get(session);
    if (draft !== undefined && draft.basis === metaKey(state.meta)) return draft;
    return {
      agency: state.meta.agencyName ?? "",
      shortName: state.meta.shortName ?? "",
      // Outside the browser app the suggestion is what 生成统计表 writes; in it, nothing is shown that is not used.
      year: state.meta.year === null ? (live ? "" : suggestedYear) : String(state.meta.year),
      level: state.meta.level,
    };
  });
  const [agency, setAgency] = useState(initial.agency);
  const [shortName, setShortName] = useState(initial.shortName);
  const [year, setYear] = useState(initial.year);
  const [level, setLevel] = useState<AgencyLevel | null>(initial.level);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const busy = state.phase === "writing";
  const yearValid = isReportYear(year);

  /** Keeps what was typed, and in the browser app makes it the report's metadata at once. */
  const edit = (next: Fields): void => {
    setAgency(next.agency);
    setShortName(next.shortName);
    setYear(next.year);
    setLevel(next.level);
    const current = session.getState().meta;
    const meta = metaOfFields(current, next);
    DRAFTS.set(session, { ...next, basis: metaKey(live ? meta : current) });
    if (live) session.applyTemplate(meta).catch(() => undefined); // a failure is shown by the status line
  };
  // In the browser app, metadata replaced from elsewhere (an opened workbook, 清空 does not touch it) is shown
  // at once: the fields never show a year other than the one used. The host answers at once, so a settled
  // session whose metadata differs from the fields' has been changed by something else than typing.
  const shownKey = metaKey(state.meta);
  const fieldsKey = metaKey(metaOfFields(state.meta, { agency, shortName, year, level }));
  useEffect(() => {
    if (!live || state.phase !== "ready" || fieldsKey === shownKey) return;
    DRAFTS.delete(session);
    setAgency(state.meta.agencyName ?? "");
    setShortName(state.meta.shortName ?? "");
    setYear(state.meta.year === null ? "" : String(state.meta.year));
    setLevel(state.meta.level);
  }, [live, session, shownKey, fieldsKey, state.phase, state.meta]);

  const submit = async (): Promise<void> => {
    // The browser app may keep a report without a year (it says 未完成); a template needs one.
    if (!yearValid && !live) return;
    const meta: ReportMeta = metaOfFields(session.getState().meta, { agency, shortName, year, level });
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
        <Input value={agency} onChange={(_, data) => edit({ agency: data.value, shortName, year, level })} name="agency" />
      </Field>
      <Field label="简称" hint="报告中由统计表生成的句子以此称呼本机关，如“本局”“市教育局”；不填的，写作“本机关”">
        <Input value={shortName} onChange={(_, data) => edit({ agency, shortName: data.value, year, level })} name="shortName" placeholder="本机关" />
      </Field>
      <Field
        label="报告年度"
        required
        validationState={yearValid || (live && year === "") ? "none" : "error"}
        validationMessage={
          yearValid
            ? "统计期限为该年 1 月 1 日至 12 月 31 日"
            : live && year === ""
              ? `请填写报告年度（四位数字，如 ${suggestedYear}）`
              : "请填写 2021 年以后的四位年度数字"
        }
      >
        <Input value={year} onChange={(_, data) => edit({ agency, shortName, year: data.value, level })} name="year" inputMode="numeric" />
      </Field>
      <Field label="机关层级" hint="用于判断规章、收费金额等提示">
        <Dropdown
          placeholder="请选择"
          value={level ?? ""}
          selectedOptions={level ? [level] : []}
          onOptionSelect={(_, data) => edit({ agency, shortName, year, level: (data.optionValue as AgencyLevel | undefined) ?? null })}
        >
          {AGENCY_LEVELS.map((l) => (
            <Option key={l} value={l}>
              {l}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {live ? <Caption1>填写的内容随时保存在本浏览器中，并用于校验、保存的 .xlsx 和导出的报告。</Caption1> : null}
      <Button appearance="primary" type="submit" disabled={busy || (!yearValid && !live)}>
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

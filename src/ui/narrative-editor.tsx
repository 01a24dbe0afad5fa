// The 正文 in the browser page: the parts of the report the user writes, under the tables, kept in the
// browser's local storage like the figures. The format's guidance is each box's placeholder, never text to
// delete: an empty box is a part not written yet, and the checks count it so (the host hands them the
// guidance for it, as an untouched 正文 sheet has it).

import { Caption1, Field, Input, Subtitle2, Switch, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useSyncExternalStore } from "react";
import type { InPageWorkbook } from "../core/session";
import type { Narrative } from "../core/report";
import { NARRATIVE_FIELDS } from "../core/report";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "960px", minWidth: 0 },
});

/** The guidance as a placeholder: without the 【】 that mark it in the workbook as not for publishing. */
function placeholderOf(guidance: string): string {
  return guidance.replace(/^【/, "").replace(/】$/, "");
}

export function NarrativeEditor({ host }: { readonly host: InPageWorkbook }): React.JSX.Element {
  const styles = useStyles();
  useSyncExternalStore(
    (listener) => host.onValues(listener),
    () => host.revision,
  );
  const narrative = host.narrative;
  const update = (patch: (n: Narrative) => Narrative): void => host.writeNarrative(patch(narrative));
  return (
    <section className={styles.root} aria-label="正文">
      <Subtitle2 as="h2">正文</Subtitle2>
      <Caption1>表中数字自动写入报告，此处填写其余部分。框中的灰色文字是填写提示，不会写入报告；必填部分尚未填写时，校验结论为“未完成”。</Caption1>
      {NARRATIVE_FIELDS.map((field) => {
        if (field.kind === "text") {
          return (
            <Field key={field.key} label={field.label}>
              <Textarea
                value={narrative.texts[field.key] ?? ""}
                placeholder={placeholderOf(field.guidance)}
                resize="vertical"
                rows={3}
                data-narrative={field.key}
                onChange={(_, data) => update((n) => ({ ...n, texts: { ...n.texts, [field.key]: data.value } }))}
              />
            </Field>
          );
        }
        if (field.kind === "number") {
          const value = narrative.numbers[field.key];
          return (
            <Field key={field.key} label={field.label}>
              <Input
                inputMode="decimal"
                value={value === null || value === undefined ? "" : String(value)}
                data-narrative={field.key}
                onChange={(_, data) =>
                  update((n) => ({
                    ...n,
                    numbers: { ...n.numbers, [field.key]: /^\d+(\.\d+)?$/.test(data.value.trim()) ? Number(data.value.trim()) : null },
                  }))
                }
              />
            </Field>
          );
        }
        return (
          <Switch
            key={field.key}
            label={field.label.replace("（是/否）", "")}
            checked={narrative.flags[field.key] === true}
            onChange={(_, data) => update((n) => ({ ...n, flags: { ...n.flags, [field.key]: data.checked } }))}
          />
        );
      })}
    </section>
  );
}

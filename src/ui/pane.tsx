// The task pane: status line, then the 校验 and 模板 views. It receives the session (and through it the
// host port); it never touches Excel.* or the page's storage.

import { Tab, TabList, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { DocumentPort, ValidationSession } from "../core/session";
import { CheckView } from "./check-view";
import { ExportView } from "./export-view";
import { ImportView } from "./import-view";
import { StatusLine } from "./status-line";
import { TemplateView } from "./template-view";
import { useSessionState } from "./use-session";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minWidth: "280px" },
});

type View = "check" | "template" | "import" | "export";

export function Pane({ session, documents }: { readonly session: ValidationSession; readonly documents: DocumentPort }): React.JSX.Element {
  const styles = useStyles();
  const state = useSessionState(session);
  const [view, setView] = useState<View | null>(null);
  useEffect(() => {
    void session.start();
    return () => session.stop();
  }, [session]);
  // The first view once the workbook is read: 模板 for a workbook without tables, 校验 otherwise. It then
  // stays until the user picks another tab (generating the tables does not jump away from the result).
  useEffect(() => {
    if (view === null && state.phase === "ready") setView(state.hasTemplate ? "check" : "template");
  }, [view, state.phase, state.hasTemplate]);
  const shown: View = view ?? "check";
  // Alone in a task pane the pane is the page's main content. In the browser app it sits beside the tables, in
  // the page's complementary landmark, where a main landmark may not be (there it is a named region).
  const Landmark = session.hostKind === "browser" ? "section" : "main";
  return (
    <Landmark className={styles.root} aria-label="年报助手">
      <Title3 as="h1">年报助手</Title3>
      <StatusLine state={state} />
      <TabList selectedValue={shown} onTabSelect={(_, data) => setView(data.value as View)}>
        <Tab value="check">校验</Tab>
        <Tab value="template">模板</Tab>
        <Tab value="import">导入</Tab>
        <Tab value="export">导出</Tab>
      </TabList>
      {shown === "check" ? <CheckView session={session} state={state} /> : null}
      {shown === "template" ? <TemplateView session={session} state={state} /> : null}
      {shown === "import" ? <ImportView session={session} state={state} documents={documents} /> : null}
      {shown === "export" ? <ExportView session={session} state={state} documents={documents} /> : null}
    </Landmark>
  );
}

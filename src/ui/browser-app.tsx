// The app outside Office: the three tables in the page beside the same pane, with .xlsx open and save.

import { Button, Caption1, MessageBar, MessageBarBody, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { MIME, downloadFile } from "./download";
import type { DocumentPort, InPageWorkbook, ValidationSession } from "../core/session";
import { Pane } from "./pane";
import { NarrativeEditor } from "./narrative-editor";
import { TablesView } from "./tables-view";
import { useSessionState } from "./use-session";

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
  body: { display: "flex", gap: tokens.spacingHorizontalL, padding: tokens.spacingHorizontalL, alignItems: "flex-start" },
  tables: { flex: "1 1 auto", overflowX: "auto" },
  pane: {
    flex: "0 0 360px",
    position: "sticky",
    top: tokens.spacingVerticalL,
    maxHeight: "calc(100vh - 100px)",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
});


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
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);

  const open = async (files: FileList | null): Promise<void> => {
    const chosen = files?.[0];
    if (!chosen) return;
    try {
      await host.openXlsx(new Uint8Array(await chosen.arrayBuffer()));
      setMessage({ intent: "success", text: `已打开 ${chosen.name}。` });
    } catch (error) {
      setMessage({ intent: "error", text: `无法打开 ${chosen.name}：${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const save = async (): Promise<void> => {
    try {
      const data = await host.saveXlsx();
      const meta = session.getState().meta;
      downloadFile(data, `${meta.agencyName ?? ""}${meta.year ?? ""}年报统计表.xlsx`, MIME.xlsx);
      setMessage({ intent: "success", text: "已生成 .xlsx 工作簿（含校验公式），请在浏览器的下载中查看。" });
    } catch (error) {
      setMessage({ intent: "error", text: `保存失败：${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="p">年报助手</Title2>
        <Caption1>政府信息公开工作年度报告统计表（国办公开办函〔2021〕30号格式）· 填写内容保存在本浏览器中</Caption1>
        <Button onClick={() => file.current?.click()}>打开 .xlsx…</Button>
        <input ref={file} type="file" accept=".xlsx" hidden aria-label="打开 .xlsx 文件" onChange={(event) => void open(event.target.files)} />
        <Button appearance="primary" onClick={() => void save()}>
          保存为 .xlsx
        </Button>
        <Button
          appearance="subtle"
          onClick={() => {
            if (window.confirm("清空表中所有已填写的数字？此操作不能撤销。")) host.clear();
          }}
        >
          清空
        </Button>
      </header>
      {message ? (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.body}>
        <div className={styles.tables}>
          <TablesView host={host} state={state} />
          <NarrativeEditor host={host} />
        </div>
        <aside className={styles.pane}>
          <Pane session={session} documents={documents} />
        </aside>
      </div>
    </div>
  );
}

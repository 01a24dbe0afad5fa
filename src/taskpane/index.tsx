// Task-pane entry: waits for Office, then renders the pane under a FluentProvider. Outside Office
// (a plain browser), Office.onReady resolves with host null and the same app mounts in browser mode.

import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { StartPane } from "../ui/start-pane";

function mount(host: "excel" | "browser"): void {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <StartPane host={host} />
    </FluentProvider>,
  );
}

if (typeof Office === "undefined") {
  mount("browser");
} else {
  void Office.onReady((info) => mount(info.host === Office.HostType.Excel ? "excel" : "browser"));
}

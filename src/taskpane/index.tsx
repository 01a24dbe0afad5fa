// Task-pane entry: picks the host and renders the app under a FluentProvider. WPS first: its pane page has a
// synchronous `Application` (the ET object model) and never an Office host, and office.js loaded there would
// wait on Office.onReady for ever. Then Excel (Office opened the pane), talking to the workbook through the
// Office host. Elsewhere (Office.onReady reports no host, or no Office at all) the same app runs in the page
// with the tables beside the pane. In WPS and Excel the pane is the same <Pane>; only the host differs.

import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { BrowserHost } from "../adapters/browser/browser-host";
import { createDocumentPort } from "../adapters/browser/document-port";
import { OfficeHost } from "../adapters/office/office-host";
import { detectWps } from "../adapters/wps/detect";
import { ValidationSession } from "../core/session";
import { BrowserApp } from "../ui/browser-app";
import { Pane } from "../ui/pane";

/** Office's theme is dark when its body background is dark. */
function isDarkOfficeTheme(): boolean {
  const color = typeof Office === "undefined" ? undefined : Office.context?.officeTheme?.bodyBackgroundColor;
  if (!color || !/^#?[0-9a-f]{6}$/i.test(color)) return false;
  const hex = color.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * (r ?? 255) + 0.587 * (g ?? 255) + 0.114 * (b ?? 255) < 128;
}

const OFFICE_FLAG = "nianbao.officeHost";

/**
 * Whether an Office client opened the pane. Office adds `_host_Info` to the pane's URL; the flag is kept for the
 * tab's session so that a reload inside Office still finds it. Outside Office, office.js is never loaded: it
 * would replace window.confirm, wait for a host that is not there and open a frame to an outside server.
 */
function openedByOffice(): boolean {
  const store = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();
  if (new URLSearchParams(window.location.search).has("_host_Info")) {
    store?.setItem(OFFICE_FLAG, "1");
    return true;
  }
  return store?.getItem(OFFICE_FLAG) === "1";
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`无法加载 ${src}`));
    document.head.appendChild(script);
  });
}

async function officeHost(): Promise<string | null> {
  if (!openedByOffice()) return null;
  await loadScript("office/office.js");
  if (typeof Office === "undefined") return null;
  const info = await Office.onReady();
  return info.host === null || info.host === undefined ? null : String(info.host);
}

async function boot(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) return;
  const wps = detectWps(window);
  if (wps) {
    // The WPS host is its own chunk: Excel and the browser app never load it.
    const { WpsHost } = await import(/* webpackChunkName: "wps" */ "../adapters/wps");
    const session = new ValidationSession(new WpsHost(wps));
    createRoot(container).render(
      <FluentProvider theme={webLightTheme}>
        <Pane session={session} documents={createDocumentPort()} />
      </FluentProvider>,
    );
    return;
  }
  const host = await officeHost();
  const root = createRoot(container);
  if (host === "Excel") {
    const session = new ValidationSession(new OfficeHost());
    root.render(
      <FluentProvider theme={isDarkOfficeTheme() ? webDarkTheme : webLightTheme}>
        <Pane session={session} documents={createDocumentPort()} />
      </FluentProvider>,
    );
    return;
  }
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  })();
  const browserHost = new BrowserHost(storage);
  const session = new ValidationSession(browserHost);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <BrowserApp host={browserHost} session={session} documents={createDocumentPort()} />
    </FluentProvider>,
  );
}

/** A pane that cannot start says so, rather than showing “正在加载” for ever. */
function showStartupError(error: unknown): void {
  const container = document.getElementById("root");
  if (!container) return;
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.style.cssText = "font-family: sans-serif; padding: 12px";
  message.textContent = `年报助手无法启动：${error instanceof Error ? error.message : String(error)}`;
  container.textContent = ""; // not replaceChildren(): WPS's older web view may lack it
  container.appendChild(message);
}

// taskpane.html's inline script marks a web view too old for the pane and shows a plain page in its place.
if (document.documentElement.getAttribute("data-unsupported") === null) boot().catch(showStartupError);

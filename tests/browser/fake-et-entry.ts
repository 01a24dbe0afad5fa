// Injected into the built WPS pages before their scripts for the browser tests of the WPS 加载项: a fake ET
// `Application` (tests/support/fake-et.ts) as window.Application and window.wps, as WPS provides them, plus the
// add-in members of WPS's Application that the ribbon uses (CreateTaskPane, GetTaskPane, PluginStorage), which
// record the panes opened. The test reaches the fake through window.__fakeEt to act as the user in the
// workbook and to look at it, and the panes through window.__wpsPanes.

import { createFakeEt } from "../support/fake-et";

interface RecordedPane {
  readonly ID: number;
  readonly url: string;
  readonly title: string | undefined;
  Visible: boolean;
  DockPosition: number;
  Width: number;
}

const et = createFakeEt();
const panes: RecordedPane[] = [];
const storage = new Map<string, string>();

const addonRoot = {
  CreateTaskPane(url: string, title?: string): RecordedPane {
    const pane: RecordedPane = { ID: 7000 + panes.length, url, title, Visible: false, DockPosition: 0, Width: 0 };
    panes.push(pane);
    return pane;
  },
  GetTaskPane(id: number): RecordedPane | undefined {
    return panes.find((pane) => pane.ID === id);
  },
  PluginStorage: {
    getItem: (key: string): string => storage.get(key) ?? "",
    setItem: (key: string, value: string | number | boolean): void => void storage.set(key, String(value)),
  },
};

const application = Object.assign(et.application, addonRoot);
Object.assign(window, { Application: application, wps: application, __fakeEt: et, __wpsPanes: panes });

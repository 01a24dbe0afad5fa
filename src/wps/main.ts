// The WPS 加载项's ribbon callbacks (built to dist/wps/main.js, which index.html loads). WPS opens the add-in's
// index.html in a hidden page, then reads ribbon.xml and calls the functions it names on that page's window:
// OnAddinLoad when the ribbon is built, GetImage for the button's icon, OnAction when the button is clicked.
// The button opens the pane (taskpane.html beside index.html) with Application.CreateTaskPane, keeps the
// pane's ID in Application.PluginStorage (shared by the add-in's pages, not persisted) and, on the next
// click, shows or hides the same pane. Sources: the ET templates of the `wpsjs` package; the typings of
// `et-jsapi-declare` (WPS.AddonRoot, WPS.CustomTaskpane, WPS.PluginStorage).
//
// Every callback is synchronous and returns at once: WPS 12.1.0.23542 stopped showing custom ribbons whose
// callbacks were async. Nothing here may throw into WPS: a failure is told to the user in a message box.

/** The members of WPS's Application (WPS.AddonRoot in et-jsapi-declare) that the ribbon uses. */
interface AddonRoot {
  CreateTaskPane(url: string, title?: string): TaskPane;
  GetTaskPane(id: number): TaskPane | null | undefined;
  readonly PluginStorage: {
    getItem(key: string): string | null | undefined;
    setItem(key: string, value: string | number | boolean): void;
  };
}

/** WPS.CustomTaskpane. */
interface TaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
  Width: number;
}

/** The ribbon control WPS passes to onAction and getImage callbacks. */
interface RibbonControl {
  readonly Id?: string;
}

export const PANE_BUTTON = "nianbaoOpenPane";
export const PANE_PAGE = "taskpane.html";
export const PANE_TITLE = "年报助手";
/** The PluginStorage key of the open pane's ID. */
export const PANE_KEY = "nianbao.taskpaneId";
/** Kso.MsoCTPDockPosition.msoCTPDockPositionRight. */
const DOCK_RIGHT = 2;
const PANE_WIDTH = 360;

function application(): AddonRoot | null {
  const scope = window as unknown as { Application?: AddonRoot; wps?: AddonRoot };
  return scope.Application ?? scope.wps ?? null;
}

/**
 * The pane's address: taskpane.html in the add-in's folder, whether WPS serves it from a web server (online
 * add-in) or from the unpacked package (file:///…/jsaddons/nianbao_<version>/). As in WPS's own templates,
 * the address is decoded (a folder under a Chinese user name stays readable to WPS).
 */
export function paneUrl(location: string): string {
  const page = location.split("#")[0]!.split("?")[0]!;
  const folder = page.slice(0, page.lastIndexOf("/") + 1);
  try {
    return decodeURI(folder) + PANE_PAGE;
  } catch {
    return folder + PANE_PAGE;
  }
}

/** The pane opened before from this add-in, if WPS still has it. */
function existingPane(app: AddonRoot): TaskPane | null {
  const id = Number(app.PluginStorage.getItem(PANE_KEY));
  if (!id) return null;
  try {
    return app.GetTaskPane(id) ?? null;
  } catch {
    return null; // closed and deleted: open a new one
  }
}

function togglePane(app: AddonRoot): void {
  const existing = existingPane(app);
  if (existing) {
    existing.Visible = !existing.Visible;
    return;
  }
  const pane = app.CreateTaskPane(paneUrl(window.location.href), PANE_TITLE);
  app.PluginStorage.setItem(PANE_KEY, pane.ID);
  try {
    pane.DockPosition = DOCK_RIGHT;
    pane.Width = PANE_WIDTH;
  } catch {
    // Placement is a preference: WPS builds that refuse it still show the pane where they like.
  }
  pane.Visible = true;
}

function tell(message: string): void {
  try {
    window.alert(message);
  } catch {
    // No way left to tell the user; the ribbon must not fail.
  }
}

export function OnAddinLoad(): boolean {
  return true;
}

export function OnAction(control: RibbonControl | undefined): boolean {
  if (control?.Id !== PANE_BUTTON) return true;
  const app = application();
  if (!app) {
    tell("年报助手无法打开：WPS 没有提供加载项接口（Application）。请确认 WPS 已启用 JS 加载项。");
    return true;
  }
  try {
    togglePane(app);
  } catch (error) {
    tell(`年报助手窗格无法打开：${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}

export function GetImage(control: RibbonControl | undefined): string {
  return control?.Id === PANE_BUTTON ? "assets/icon-32.png" : "";
}

// WPS looks the callbacks up by name on the page's window; the spelling OnAddInLoad appears in some WPS
// documents, so both are there.
Object.assign(window, { OnAddinLoad, OnAddInLoad: OnAddinLoad, OnAction, GetImage });

// The WPS 表格 host: detection from the page's globals, and the host port over the ET object model.

export { detectWps } from "./detect";
export { WpsHost } from "./wps-host";
export type { WpsHostOptions } from "./wps-host";
export type { EtApplication } from "./et-api";

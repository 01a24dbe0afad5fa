export * from "./import-report";

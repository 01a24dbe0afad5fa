export * from "./import-report";
export * from "./imported-source";

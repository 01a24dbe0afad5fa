export * from "./import-report";
export * from "./imported-source";
export * from "./fill-plan";

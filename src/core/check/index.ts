export * from "./report-source";
export * from "./check-report";

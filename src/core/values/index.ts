export * from "./cell-value";
export * from "./parse-cell";

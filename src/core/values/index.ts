export * from "./cell-value";
export * from "./parse-cell";
export * from "./xml-text";
export * from "./dates";

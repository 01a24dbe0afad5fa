export * from "./rule";
export * from "./relations";
export * from "./pack";
export * from "./validator";
export * from "./cross-year";

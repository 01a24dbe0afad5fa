export * from "./numbers";
export * from "./addresses";
export * from "./messages";
export * from "./rule-names";

export * from "./rule";
export * from "./context";
export * from "./relations";
export * from "./text-relations";
export * from "./pack";
export * from "./validator";

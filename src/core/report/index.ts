export * from "./document";
export * from "./narrative";
export * from "./tables";
export * from "./build-report";

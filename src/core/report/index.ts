export * from "./document";
export * from "./narrative";
export * from "./tables";
export * from "./build-report";
export * from "./text-checks";
export * from "./report-from-cells";

export * from "./layout";
export * from "./tables";
export * from "./cells";
export * from "./meta";
export * from "./grid";
export * from "./outline";
export * from "./a1";
export * from "./level-aliases";

export * from "./host-port";
export * from "./validation-session";

export * from "./host-port";
export * from "./validation-session";
export * from "./document-port";

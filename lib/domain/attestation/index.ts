export * from "./scope";
export * from "./assignee";
export * from "./schedule";
export * from "./answer";
export * from "./links";
export * from "./clock";

export * from "./bands";
export * from "./plan";
export * from "./policy";
export * from "./types";
export * from "./retry";

export * from "./define.ts"
export * from "./load.ts"

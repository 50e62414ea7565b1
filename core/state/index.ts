export * from "./errors.ts"
export * from "./sqlite.ts"
export * from "./store.ts"
export * from "./types.ts"

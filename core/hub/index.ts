export * from "./hash.ts"
export * from "./ownership.ts"
export * from "./position.ts"

export * from "./handler.ts"
export * from "./recordsJob.ts"
export * from "./retention.ts"

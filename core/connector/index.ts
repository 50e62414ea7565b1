/** The connector SDK: declare a connector, its config, streams, sinks, webhooks and sandbox. */
export * from "./define.ts"
export * from "./env.ts"
export * from "./errors.ts"
export * from "./instantiate.ts"
export * from "./sandbox.ts"
export * from "./sandboxServer.ts"
export * from "./vendorAnswer.ts"
export * from "./webhook.ts"

/**
 * `core/runtime/queue`: where jobs run. In this process (the embedded default) or through BullMQ
 * on Redis, where any number of `esl worker`s share the jobs, the flow locks and the vendors' rate
 * limits.
 */
export { bullmqQueue, DEFAULT_RETRY, jobOptions, type RetryOptions } from "./bullmq.ts"
export { bullmq, queueConfigOf, queuePrefixOf } from "./config.ts"
export { inProcessQueue } from "./inProcess.ts"
export { runJobLocally } from "./local.ts"
export { type FlowLocks, flowLocks } from "./lock.ts"
export { closeRedis, DEFAULT_PREFIX, openRedis } from "./redis.ts"
export { sharedRateLimiter, shareRateLimits } from "./sharedRateLimit.ts"
export type { ChildJob, InboundPageJob, OutboundBatchJob, RunPlan } from "./split.ts"
export { startWorker, type WorkerEvent, type WorkerHandle, type WorkerOptions } from "./worker.ts"

import type { EslConfig, QueueConfig } from "../../config/index.ts"
import { DEFAULT_PREFIX } from "./redis.ts"

/** Jobs through BullMQ on Redis, for `esl worker`s on any number of machines: `queue: bullmq(env…)`. */
export const bullmq = (url: string): QueueConfig => ({ kind: "bullmq", url })

/**
 * Which queue the runtime uses: the config's `queue`, else BullMQ when `REDIS_URL` is set, else
 * in-process (the embedded default).
 */
export const queueConfigOf = (
  config: EslConfig<never> | EslConfig,
  environment: Readonly<Record<string, string | undefined>>,
): QueueConfig => {
  if (config.queue) return config.queue
  const url = environment.REDIS_URL
  return url ? { kind: "bullmq", url } : { kind: "in-process" }
}

/**
 * The Redis key prefix of a deployment: `ESL_QUEUE_PREFIX`, else `esl`. Several deployments (or
 * test runs) can share one Redis without taking each other's jobs; enqueuers and workers must agree.
 */
export const queuePrefixOf = (environment: Readonly<Record<string, string | undefined>>): string =>
  environment.ESL_QUEUE_PREFIX || DEFAULT_PREFIX

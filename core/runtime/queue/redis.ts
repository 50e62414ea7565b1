import { Redis } from "ioredis"

/**
 * Opens an ioredis connection. A worker's (default) waits out a Redis restart instead of failing
 * its blocking reads (`maxRetriesPerRequest: null`, as BullMQ wants); an enqueuer's (`failFast`)
 * gives up after a couple of reconnects, so `esl sync` or a webhook answers with an error at once.
 */
export const openRedis = (url: string, options: { readonly failFast?: boolean } = {}): Redis => {
  const redis = new Redis(url, { maxRetriesPerRequest: options.failFast ? 2 : null })
  // ioredis reconnects by itself; without a listener node would crash on the first refused connect.
  redis.on("error", () => undefined)
  return redis
}

/** Closes a connection, politely first (QUIT), then for good if Redis does not answer. */
export const closeRedis = async (redis: Redis): Promise<void> => {
  try {
    await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 1_000))])
  } catch {
    // already closed
  }
  redis.disconnect()
}

/** The default key prefix: every esl key in Redis starts with it (`esl:…`). */
export const DEFAULT_PREFIX = "esl"

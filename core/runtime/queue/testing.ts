/**
 * Helpers for the runtime's tests (not shipped: `**\/testing.ts` is outside the package). They
 * give each test its own BullMQ prefix and PostgreSQL schema and remove them afterwards.
 */
import { randomUUID } from "node:crypto"
import { Queue } from "bullmq"
import { Client } from "pg"
import { FLOW_QUEUE } from "../jobs.ts"
import { closeRedis, openRedis } from "./redis.ts"

/** A name no other test uses, safe as a Redis prefix and a PostgreSQL schema. */
export const uniqueName = (label: string): string => `esl_${label}_${randomUUID().replaceAll("-", "").slice(0, 12)}`

/** Deletes every Redis key under `prefix:`. */
export const removePrefix = async (redisUrl: string, prefix: string): Promise<void> => {
  const redis = openRedis(redisUrl)
  try {
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== "0")
  } finally {
    await closeRedis(redis)
  }
}

/** Drops a test's PostgreSQL schema. */
export const dropSchema = async (databaseUrl: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

/** A BullMQ handle on the flow queue, to look at jobs in tests. */
export const inspectQueue = (redisUrl: string, prefix: string) => {
  const connection = openRedis(redisUrl)
  const queue = new Queue(FLOW_QUEUE, { connection, prefix })
  queue.on("error", () => undefined)
  return {
    queue,
    /** Waits until the job is completed or failed (polling; tests only). */
    settled: async (jobId: string, timeoutMs = 20_000): Promise<"completed" | "failed"> => {
      const until = Date.now() + timeoutMs
      for (;;) {
        const state = await queue.getJobState(jobId)
        if (state === "completed" || state === "failed") return state
        if (Date.now() > until) throw new Error(`job ${jobId} still ${state} after ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
    close: async () => {
      await queue.close().catch(() => undefined)
      await closeRedis(connection)
    },
  }
}

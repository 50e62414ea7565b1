import type { Redis } from "ioredis"

/**
 * A distributed lock per flow, so no two runs of one flow overlap on any number of workers.
 *
 * The value is the holder's token (the run's job id): taking the lock again with the same token
 * succeeds, so a run job retried after its worker died re-enters its own lock instead of waiting
 * for it. Every lock expires (PX): a dead holder frees it after `ttlMs`; a live one renews it.
 */
export interface FlowLocks {
  /** Takes the flow's lock for `token` (or confirms `token` already holds it); false: someone else holds it. */
  readonly acquire: (flow: string, token: string) => Promise<boolean>
  /** Pushes the expiry out again while `token` still holds the lock; false: it has been lost. */
  readonly extend: (flow: string, token: string) => Promise<boolean>
  /** Frees the lock if (and only if) `token` holds it; never deletes a lock another run took since. */
  readonly release: (flow: string, token: string) => Promise<boolean>
  /** Who holds the lock now (a token), if anyone. */
  readonly holder: (flow: string) => Promise<string | undefined>
  /**
   * Renews the lock every third of its lifetime until `stop()` or until it is lost: for as long
   * as this process works for the run.
   */
  readonly keep: (flow: string, token: string, onLost?: () => void) => { readonly stop: () => void }
  readonly ttlMs: number
}

// SET NX PX, or the same token again: then only refresh the expiry (re-entry after a retry).
const ACQUIRE = `
local current = redis.call("GET", KEYS[1])
if current == ARGV[1] then
  redis.call("PEXPIRE", KEYS[1], ARGV[2])
  return 1
end
if current then return 0 end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1
`
// Compare-and-act: a holder whose lock expired and was taken over must not touch the new one.
const EXTEND = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0
`
const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then
  return redis.call("DEL", KEYS[1])
end
return 0
`

/** Flow locks in Redis under `<prefix>:lock:<flow>`. */
export const flowLocks = (redis: Redis, options: { readonly prefix: string; readonly ttlMs?: number }): FlowLocks => {
  const ttlMs = options.ttlMs ?? 30_000
  const key = (flow: string) => `${options.prefix}:lock:${flow}`
  const acquire = async (flow: string, token: string) => (await redis.eval(ACQUIRE, 1, key(flow), token, ttlMs)) === 1
  const extend = async (flow: string, token: string) => (await redis.eval(EXTEND, 1, key(flow), token, ttlMs)) === 1
  return {
    ttlMs,
    acquire,
    extend,
    release: async (flow, token) => (await redis.eval(RELEASE, 1, key(flow), token)) === 1,
    holder: async (flow) => (await redis.get(key(flow))) ?? undefined,
    keep: (flow, token, onLost) => {
      const timer = setInterval(
        () => {
          extend(flow, token).then(
            (held) => {
              if (held) return
              clearInterval(timer)
              onLost?.()
            },
            // Redis away for a moment: try again at the next tick; the TTL covers the gap.
            () => undefined,
          )
        },
        Math.max(10, Math.floor(ttlMs / 3)),
      )
      // A renewal timer alone must not keep a process alive that is otherwise done.
      timer.unref()
      return { stop: () => clearInterval(timer) }
    },
  }
}

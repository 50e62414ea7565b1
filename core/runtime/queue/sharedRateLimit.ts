import { Effect } from "effect"
import type { Redis } from "ioredis"
import { type RateLimiter, type RateLimitSpec, unlimited } from "../../http/rateLimit.ts"

/**
 * A rate limiter whose budget lives in Redis, so every worker of every machine draws from one
 * budget per vendor account: a vendor's limit is per shop/account, not per process. The
 * arithmetic is the local limiters' (`core/http/rateLimit.ts`), done atomically in Lua with
 * Redis' own clock, so machines whose clocks disagree still share one budget.
 */

// Token/leaky bucket: `available` units at `at` (ms), refilled at `rate` per second up to `capacity`.
// Returns 0 when the cost was booked, else how many ms to wait before asking again.
const BUCKET = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call("PTTL", KEYS[2])
if paused > 0 then return paused end
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = math.min(math.max(tonumber(ARGV[3]), 0), capacity)
local state = redis.call("HMGET", KEYS[1], "available", "at")
local available = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  available = math.min(capacity, available + (now - at) / 1000 * rate)
  at = now
end
local ttl = math.ceil(capacity / rate * 1000) + 1000
if available >= cost then
  redis.call("HSET", KEYS[1], "available", tostring(available - cost), "at", tostring(at))
  redis.call("PEXPIRE", KEYS[1], ttl)
  return 0
end
redis.call("HSET", KEYS[1], "available", tostring(available), "at", tostring(at))
redis.call("PEXPIRE", KEYS[1], ttl)
return math.max(1, math.ceil((cost - available) / rate * 1000))
`

// Sliding window: the start times of the requests still inside the window, in a sorted set.
const WINDOW = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call("PTTL", KEYS[2])
if paused > 0 then return paused end
local requests = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local slots = math.min(math.max(math.ceil(tonumber(ARGV[3])), 0), requests)
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - perMs)
local count = redis.call("ZCARD", KEYS[1])
local over = count + slots - requests
if over <= 0 then
  for i = 1, slots do redis.call("ZADD", KEYS[1], now, ARGV[4] .. ":" .. i) end
  redis.call("PEXPIRE", KEYS[1], perMs + 1000)
  return 0
end
local leaving = redis.call("ZRANGE", KEYS[1], over - 1, over - 1, "WITHSCORES")
return math.max(1, tonumber(leaving[2]) + perMs - now)
`

// A 429 pauses every worker: only ever lengthen a pause, never shorten one.
const PAUSE = `
if redis.call("PTTL", KEYS[1]) < tonumber(ARGV[1]) then
  redis.call("SET", KEYS[1], "1", "PX", ARGV[1])
end
return 1
`

// The vendor reported its own count (e.g. Shopify throttleStatus): it is the truth for everyone.
const OBSERVE = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call("HSET", KEYS[1], "available", ARGV[1], "at", tostring(now))
return 1
`

let nonce = 0

/**
 * A limiter enforcing `spec` for `key` (the system's name, under the runtime's prefix) across
 * every process that uses the same Redis. When Redis cannot be reached, requests fall back to
 * `fallback` (this process' own limiter) rather than failing or going out unpaced.
 */
export const sharedRateLimiter = (
  redis: Redis,
  options: {
    readonly key: string
    readonly spec: RateLimitSpec
    readonly fallback?: RateLimiter
  },
): RateLimiter => {
  const { key, spec } = options
  const bucketKey = `${key}:budget`
  const pauseKey = `${key}:pause`
  // One request of this process asks Redis at a time: a cheap late request cannot overtake an
  // expensive early one of the same process (the local limiters' FIFO promise).
  const queue = Effect.unsafeMakeSemaphore(1)
  let waits = 0
  let waitedMs = 0

  const ask = (cost: number): Promise<number> =>
    spec.kind === "bucket"
      ? (redis.eval(BUCKET, 2, bucketKey, pauseKey, spec.capacity, spec.perSecond, cost) as Promise<number>)
      : (redis.eval(
          WINDOW,
          2,
          bucketKey,
          pauseKey,
          spec.requests,
          spec.perMs,
          cost,
          `${process.pid}:${Date.now()}:${++nonce}`,
        ) as Promise<number>)

  const acquire = (cost = 1): Effect.Effect<void> =>
    queue.withPermits(1)(
      Effect.gen(function* () {
        let waited = false
        for (;;) {
          const answer = yield* Effect.either(Effect.tryPromise(() => ask(cost)))
          if (answer._tag === "Left") {
            yield* Effect.logWarning(`shared rate limit ${key} unavailable; pacing this process alone`)
            if (options.fallback) yield* options.fallback.acquire(cost)
            return
          }
          const waitMs = Number(answer.right)
          if (waitMs <= 0) return
          if (!waited) waits += 1
          waited = true
          waitedMs += waitMs
          yield* Effect.sleep(waitMs)
        }
      }),
    )

  const limiter: RateLimiter = {
    acquire,
    spec,
    pauseFor: (ms) => {
      redis.eval(PAUSE, 1, pauseKey, Math.max(1, Math.ceil(ms))).catch(() => undefined)
    },
    stats: () => ({ waits, waitedMs }),
  }
  if (spec.kind !== "bucket") return limiter
  return {
    ...limiter,
    observe: (state) => {
      const available = Math.min(spec.capacity, Math.max(0, state.available))
      redis.eval(OBSERVE, 1, bucketKey, String(available)).catch(() => undefined)
    },
  }
}

/**
 * What `instantiateSystem`'s `rateLimiter` option gets in a distributed runtime: each system's own
 * limiter is replaced by a shared one with the same budget, keyed by the system's name (and, for
 * a per-operation limiter such as an Amazon SP-API usage plan, the operation's name). A system
 * without a limit stays unlimited; a custom limiter (no `spec`) stays local, as it must be.
 */
export const shareRateLimits =
  (redis: Redis, prefix: string) =>
  (system: string, local: RateLimiter | undefined, operation?: string): RateLimiter => {
    if (local?.spec === undefined) return local ?? unlimited
    const key = `${prefix}:ratelimit:${system}${operation === undefined ? "" : `:op:${operation}`}`
    return sharedRateLimiter(redis, { key, spec: local.spec, fallback: local })
  }

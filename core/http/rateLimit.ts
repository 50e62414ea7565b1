/**
 * Client-side rate limiters. Waiting happens with `Effect.sleep` against Effect's `Clock`, so
 * tests drive time with `TestClock` instead of sleeping for real.
 */
import { type Clock, Effect } from "effect"

/** Paces requests to a vendor. One limiter per vendor account, shared by all its requests. */
export interface RateLimiter {
  /** Waits until a request costing `cost` (default 1) may go out, then books it. */
  readonly acquire: (cost?: number) => Effect.Effect<void>
  /** sync with what the server reports (e.g. Shopify throttleStatus) */
  readonly observe?: (state: { available: number; capacity?: number; restorePerSecond?: number }) => void
  /** a 429 was seen: pause everyone until then */
  readonly pauseFor?: (ms: number) => void
  /**
   * A request `acquire` let through has been answered (any answer, or none). A window limiter
   * counts it from now on: the vendor counted it somewhere between the send and the answer, and
   * counting from the send lets the next request in up to a round trip before the vendor's
   * window has room for it.
   */
  readonly answered?: (cost?: number) => void
  /** How often `acquire` had to wait, and for how long in total. */
  readonly stats: () => { waits: number; waitedMs: number }
  /**
   * The budget this limiter enforces, so a distributed runtime can enforce the same budget once
   * for all its workers (a vendor's limit is per account, not per process). Absent: custom limiter.
   */
  readonly spec?: RateLimitSpec
}

/** A limiter's budget in plain numbers: a (token or leaky) bucket, or N requests per sliding window. */
export type RateLimitSpec =
  | { readonly kind: "bucket"; readonly capacity: number; readonly perSecond: number }
  | { readonly kind: "window"; readonly requests: number; readonly perMs: number }

/** The part that differs between limiters: how long `cost` must wait at `now`, and booking it. */
interface Budget {
  readonly waitMs: (cost: number, now: number) => number
  readonly take: (cost: number, now: number) => void
  readonly answered?: (cost: number, now: number) => void
}

/**
 * Wraps a budget with what every limiter shares: a FIFO queue (a one-permit semaphore held
 * while waiting, so a cheap late request cannot overtake an expensive early one and starve it),
 * the 429 pause and the statistics.
 */
const limiterOf = (
  budget: Budget,
  observe?: (state: { available: number; capacity?: number; restorePerSecond?: number }, now: number) => void,
): RateLimiter => {
  const queue = Effect.unsafeMakeSemaphore(1)
  // `pauseFor` and `observe` are synchronous, yet must read the same clock as `acquire` (the
  // TestClock in tests); the clock of the latest acquire is the one requests run under.
  let clock: Clock.Clock | undefined
  const now = (): number => clock?.unsafeCurrentTimeMillis() ?? Date.now()
  let pausedUntil = 0
  let waits = 0
  let waitedMs = 0

  const acquire = (cost = 1): Effect.Effect<void> =>
    queue.withPermits(1)(
      Effect.gen(function* () {
        clock = yield* Effect.clock
        let waited = false
        for (;;) {
          const at = clock.unsafeCurrentTimeMillis()
          const waitMs = Math.max(pausedUntil - at, budget.waitMs(cost, at))
          if (waitMs <= 0) {
            budget.take(cost, at)
            return
          }
          if (!waited) waits += 1
          waited = true
          waitedMs += waitMs
          yield* Effect.sleep(waitMs)
        }
      }),
    )

  const limiter: RateLimiter = {
    acquire,
    pauseFor: (ms) => {
      pausedUntil = Math.max(pausedUntil, now() + ms)
    },
    stats: () => ({ waits, waitedMs }),
    ...(budget.answered === undefined ? {} : { answered: (cost = 1) => budget.answered?.(cost, now()) }),
  }
  return observe === undefined ? limiter : { ...limiter, observe: (state) => observe(state, now()) }
}

/**
 * A bucket of `capacity` units that refills continuously at `perSecond`. Token and leaky
 * buckets are the same arithmetic seen from opposite sides (units left vs. units used).
 */
const bucket = (initial: { capacity: number; perSecond: number }) => {
  let capacity = initial.capacity
  let perSecond = initial.perSecond
  let available = capacity
  let updatedAt: number | undefined

  const refill = (now: number): void => {
    if (updatedAt !== undefined && now > updatedAt) {
      available = Math.min(capacity, available + ((now - updatedAt) / 1000) * perSecond)
    }
    updatedAt = updatedAt === undefined ? now : Math.max(updatedAt, now)
  }
  // A request dearer than the whole bucket could never fit; it waits for a full bucket instead.
  const costInBucket = (cost: number): number => Math.min(Math.max(cost, 0), capacity)

  const budget: Budget = {
    waitMs: (cost, now) => {
      refill(now)
      const missing = costInBucket(cost) - available
      return missing <= 0 ? 0 : Math.ceil((missing / perSecond) * 1000)
    },
    take: (cost, now) => {
      refill(now)
      available -= costInBucket(cost)
    },
  }
  const observe = (state: { available: number; capacity?: number; restorePerSecond?: number }, now: number): void => {
    if (state.capacity !== undefined && state.capacity > 0) capacity = state.capacity
    if (state.restorePerSecond !== undefined && state.restorePerSecond > 0) perSecond = state.restorePerSecond
    // The server's count is the truth; it also knows about other clients of the same account.
    available = Math.min(capacity, Math.max(0, state.available))
    updatedAt = now
  }
  return { budget, observe }
}

/**
 * A token bucket for request-per-second limits: bursts up to `capacity` requests, then
 * `refillPerSecond` requests a second (e.g. Shopify REST: `tokenBucket({ capacity: 40, refillPerSecond: 2 })`).
 */
export const tokenBucket = (options: { readonly capacity: number; readonly refillPerSecond: number }): RateLimiter => {
  const { budget, observe } = bucket({ capacity: options.capacity, perSecond: options.refillPerSecond })
  return {
    ...limiterOf(budget, observe),
    spec: { kind: "bucket", capacity: options.capacity, perSecond: options.refillPerSecond },
  }
}

/**
 * A cost-based leaky bucket: `acquire(cost)` waits until `cost` points fit. Shopify GraphQL,
 * standard plan: `leakyBucket({ capacity: 1000, leakPerSecond: 100 })`, cost = the query's
 * `requestedQueryCost`; feed `extensions.cost.throttleStatus` to `observe` after each answer so
 * the estimate follows the server (https://shopify.dev/docs/api/usage/limits#cost-calculation).
 */
export const leakyBucket = (options: { readonly capacity: number; readonly leakPerSecond: number }): RateLimiter => {
  const { budget, observe } = bucket({ capacity: options.capacity, perSecond: options.leakPerSecond })
  return {
    ...limiterOf(budget, observe),
    spec: { kind: "bucket", capacity: options.capacity, perSecond: options.leakPerSecond },
  }
}

/**
 * "N requests per window" limits, kept as a sliding window so a burst at the end of one fixed
 * window and the start of the next cannot double the rate. HubSpot: `windowLimit({ requests: 100, perMs: 10_000 })`.
 */
export const windowLimit = (options: { readonly requests: number; readonly perMs: number }): RateLimiter => {
  // The requests still inside the window, oldest first: counted from their send until answered,
  // then from their answer.
  let sent: Array<{ at: number; answered: boolean }> = []
  const slots = (cost: number): number => Math.min(Math.max(Math.ceil(cost), 0), options.requests)
  const forget = (now: number): void => {
    sent = sent.filter((request) => request.at > now - options.perMs)
  }
  const limiter = limiterOf({
    waitMs: (cost, now) => {
      forget(now)
      const over = sent.length + slots(cost) - options.requests
      if (over <= 0) return 0
      // The window has room once the `over` oldest requests have left it.
      const leaving = sent[over - 1]?.at ?? now
      return Math.max(1, leaving + options.perMs - now)
    },
    take: (cost, now) => {
      for (let i = 0; i < slots(cost); i++) sent.push({ at: now, answered: false })
    },
    // Answers need not come in send order; moving the oldest unanswered request instead of the
    // answered one keeps every count at or after the vendor's, which is all the window needs.
    answered: (cost, now) => {
      let left = slots(cost)
      for (const request of sent) {
        if (left === 0) break
        if (request.answered) continue
        request.at = Math.max(request.at, now)
        request.answered = true
        left -= 1
      }
      sent.sort((a, b) => a.at - b.at)
    },
  })
  return { ...limiter, spec: { kind: "window", requests: options.requests, perMs: options.perMs } }
}

/** No limit at all (a sandbox, an internal API). Has no pause: each request waits out its own 429. */
export const unlimited: RateLimiter = {
  acquire: () => Effect.void,
  stats: () => ({ waits: 0, waitedMs: 0 }),
}

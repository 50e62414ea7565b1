import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Option, TestClock } from "effect"
import { leakyBucket, type RateLimiter, tokenBucket, unlimited, windowLimit } from "./rateLimit.ts"

/** Acquires `cost` in a background fiber and records the (test) time at which it was granted. */
const grantTime = (limiter: RateLimiter, cost?: number) =>
  Effect.fork(limiter.acquire(cost).pipe(Effect.zipRight(Clock.currentTimeMillis)))

const isDone = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isSome)

describe("tokenBucket", () => {
  it.effect("lets a burst of `capacity` through, then one request per 1/refillPerSecond", () =>
    Effect.gen(function* () {
      const limiter = tokenBucket({ capacity: 2, refillPerSecond: 2 })
      yield* limiter.acquire()
      yield* limiter.acquire()
      const third = yield* grantTime(limiter)
      yield* TestClock.adjust(499)
      expect(yield* isDone(third)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(third)).toBe(500)
      expect(limiter.stats()).toEqual({ waits: 1, waitedMs: 500 })
    }),
  )

  it.effect("serves concurrent acquirers in arrival order, one refill apart", () =>
    Effect.gen(function* () {
      const limiter = tokenBucket({ capacity: 1, refillPerSecond: 1 })
      const fibers = []
      for (let i = 0; i < 4; i++) fibers.push(yield* grantTime(limiter))
      yield* TestClock.adjust(5_000)
      const times = []
      for (const fiber of fibers) times.push(yield* Fiber.join(fiber))
      expect(times).toEqual([0, 1000, 2000, 3000])
    }),
  )

  it.effect("refills up to capacity only, however long it was idle", () =>
    Effect.gen(function* () {
      const limiter = tokenBucket({ capacity: 2, refillPerSecond: 1 })
      yield* TestClock.adjust(60_000)
      yield* limiter.acquire()
      yield* limiter.acquire()
      const third = yield* grantTime(limiter)
      yield* TestClock.adjust(1_000)
      expect(yield* Fiber.join(third)).toBe(61_000)
    }),
  )

  it.effect("holds everyone back after pauseFor (a 429 was seen)", () =>
    Effect.gen(function* () {
      const limiter = tokenBucket({ capacity: 100, refillPerSecond: 100 })
      yield* limiter.acquire()
      limiter.pauseFor?.(5_000)
      const next = yield* grantTime(limiter)
      yield* TestClock.adjust(4_999)
      expect(yield* isDone(next)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(next)).toBe(5_000)
    }),
  )
})

describe("leakyBucket", () => {
  it.effect("lets a request through as soon as its cost fits", () =>
    Effect.gen(function* () {
      const limiter = leakyBucket({ capacity: 1000, leakPerSecond: 100 })
      yield* limiter.acquire(800)
      // 200 left; 500 needs 300 more points = 3 s at 100/s
      const next = yield* grantTime(limiter, 500)
      yield* TestClock.adjust(2_999)
      expect(yield* isDone(next)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(next)).toBe(3_000)
      expect(limiter.stats()).toEqual({ waits: 1, waitedMs: 3_000 })
    }),
  )

  it.effect("corrects its estimate from what the server reports (observe)", () =>
    Effect.gen(function* () {
      const limiter = leakyBucket({ capacity: 1000, leakPerSecond: 100 })
      yield* limiter.acquire(10)
      // Another client of the same shop used most of the bucket.
      limiter.observe?.({ available: 100, capacity: 1000, restorePerSecond: 50 })
      // 300 needs 200 more points at the reported 50/s = 4 s
      const next = yield* grantTime(limiter, 300)
      yield* TestClock.adjust(3_999)
      expect(yield* isDone(next)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(next)).toBe(4_000)
    }),
  )

  it.effect("trusts the server when it reports more room than the local estimate", () =>
    Effect.gen(function* () {
      const limiter = leakyBucket({ capacity: 1000, leakPerSecond: 100 })
      yield* limiter.acquire(1000)
      limiter.observe?.({ available: 900 })
      const next = yield* grantTime(limiter, 800)
      expect(yield* Fiber.join(next)).toBe(0)
    }),
  )

  it.effect("waits for a full bucket, not forever, when a cost exceeds the capacity", () =>
    Effect.gen(function* () {
      const limiter = leakyBucket({ capacity: 100, leakPerSecond: 10 })
      yield* limiter.acquire(50)
      const next = yield* grantTime(limiter, 500)
      yield* TestClock.adjust(5_000)
      expect(yield* Fiber.join(next)).toBe(5_000)
    }),
  )
})

describe("windowLimit", () => {
  it.effect("allows N requests per window, sliding", () =>
    Effect.gen(function* () {
      const limiter = windowLimit({ requests: 3, perMs: 1_000 })
      yield* limiter.acquire()
      yield* TestClock.adjust(600)
      yield* limiter.acquire()
      yield* limiter.acquire()
      // the window (400, 1400] still holds the two requests sent at 600 once the first one left
      const fourth = yield* grantTime(limiter)
      const fifth = yield* grantTime(limiter)
      yield* TestClock.adjust(399)
      expect(yield* isDone(fourth)).toBe(false)
      yield* TestClock.adjust(1_000)
      expect(yield* Fiber.join(fourth)).toBe(1_000)
      expect(yield* Fiber.join(fifth)).toBe(1_600)
    }),
  )
})

describe("windowLimit, counting from the answer", () => {
  it.effect("holds the next window's request until a round trip after the answer, not after the send", () =>
    Effect.gen(function* () {
      const limiter = windowLimit({ requests: 2, perMs: 1_000 })
      yield* limiter.acquire()
      // The vendor counted the first request somewhere in (0, 50]: only its answer at 50 is sure.
      yield* TestClock.adjust(50)
      limiter.answered?.()
      yield* limiter.acquire()
      const third = yield* grantTime(limiter)
      yield* TestClock.adjust(999)
      expect(yield* isDone(third)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(third)).toBe(1_050)
    }),
  )

  it.effect("keeps a request that is still unanswered counted from its send", () =>
    Effect.gen(function* () {
      const limiter = windowLimit({ requests: 2, perMs: 1_000 })
      yield* limiter.acquire()
      yield* TestClock.adjust(100)
      yield* limiter.acquire()
      yield* TestClock.adjust(400)
      // One answer, whichever request it belongs to, moves the oldest unanswered count only.
      limiter.answered?.()
      const third = yield* grantTime(limiter)
      yield* TestClock.adjust(599)
      expect(yield* isDone(third)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* Fiber.join(third)).toBe(1_100)
    }),
  )
})

describe("unlimited", () => {
  it.effect("never waits", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 1_000; i++) yield* unlimited.acquire(50)
      expect(yield* Clock.currentTimeMillis).toBe(0)
      expect(unlimited.stats()).toEqual({ waits: 0, waitedMs: 0 })
    }),
  )
})

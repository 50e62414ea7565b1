import { Chunk, Effect, Fiber, Logger, LogLevel, TestClock, TestContext } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { bearerToken, makeHttpClient } from "../../core/http/index.ts"
import { hubspotSandbox, SANDBOX_TOKEN } from "./sandbox/index.ts"
import { BASE_URL, systemFor } from "./testing.ts"

// The sandbox's window runs on the same (test) clock as the client's limiter: time moves only
// when the client is waiting, so the burst is decided by the limiter's arithmetic, not by timing.
let now = 0
const sandbox = hubspotSandbox({ now: () => now })
const server = setupServer(...sandbox.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  sandbox.reset()
  now = 0
})
afterAll(() => server.close())

const nextTick = Effect.promise(() => new Promise<void>((done) => setImmediate(done)))

/** Runs `effect` on the test clock, moving the clock (and the sandbox's) to each wake-up when it waits. */
const onTestClock = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const fiber = yield* Effect.fork(effect)
      for (;;) {
        if ((yield* Fiber.poll(fiber))._tag === "Some") return yield* Fiber.join(fiber)
        const wakeUps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
        if (wakeUps.length === 0) {
          yield* nextTick
          continue
        }
        const wake = Math.min(...wakeUps)
        now = wake
        yield* TestClock.setTime(wake)
      }
    }).pipe(Effect.provide(TestContext.TestContext), Logger.withMinimumLogLevel(LogLevel.None)),
  )

const listContacts = { method: "GET", path: "crm/v3/objects/contacts", query: { limit: 1 } } as const

describe("hubspot rate limiting", () => {
  it("keeps a burst of 250 requests inside 100 per 10 s: the sandbox answers no 429", async () => {
    const system = await systemFor()
    const statuses = await onTestClock(
      Effect.forEach(Array.from({ length: 250 }), () =>
        system.context.http.request(listContacts).pipe(Effect.map((r) => r.status)),
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(250)
    expect(sandbox.state.throttled).toBe(0)
    expect(system.context.http.limiter.stats().waits).toBeGreaterThan(0)
  })

  it("is what stands between a burst and HubSpot's 429s: without it the sandbox throttles", async () => {
    const unlimited = makeHttpClient({
      system: "crm",
      baseUrl: BASE_URL,
      auth: bearerToken(SANDBOX_TOKEN),
      retry: { maxAttempts: 1 },
    })
    const outcomes = await onTestClock(
      Effect.forEach(Array.from({ length: 110 }), () =>
        unlimited.request(listContacts).pipe(
          Effect.map(() => "ok"),
          Effect.catchTag("RateLimited", (e) => Effect.succeed(e._tag)),
        ),
      ),
    )
    expect(outcomes.filter((o) => o === "RateLimited")).toHaveLength(10)
    expect(sandbox.state.throttled).toBe(10)
  })
})

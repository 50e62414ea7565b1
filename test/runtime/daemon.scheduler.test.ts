import { randomUUID } from "node:crypto"
import { Queue } from "bullmq"
import { Effect, Logger, LogLevel } from "effect"
import { describe, expect, it, vi } from "vitest"
import { ConfigError } from "../../core/connector/index.ts"
import {
  nextRunOf,
  nodeCronDriver,
  type SchedulableFlow,
  startScheduler,
  tickOf,
} from "../../core/runtime/daemon/scheduler.ts"
import { manualCronDriver, memoryJobQueue } from "../../core/runtime/daemon/testing.ts"
import { FLOW_QUEUE, type JobQueue, scheduledJobId } from "../../core/runtime/jobs.ts"
import { bullmqQueue } from "../../core/runtime/queue/bullmq.ts"
import { describeWithRedis } from "../support/services.ts"

const quiet = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

const flows: ReadonlyArray<SchedulableFlow> = [
  { name: "erp-items", schedule: "*/15 * * * *" },
  { name: "shop-items", schedule: "0 * * * *" },
  { name: "manual-only" },
]

// Two replicas' timers never fire in the same millisecond: one early, one late in the tick's minute.
const tick = new Date("2026-03-01T10:15:00.000Z")
const early = new Date("2026-03-01T10:15:00.004Z")
const late = new Date("2026-03-01T10:15:00.930Z")

describe("daemon scheduler", () => {
  it("computes the same job id for one tick in two scheduler instances, whatever their jitter", async () => {
    const [a, b] = [memoryJobQueue(), memoryJobQueue()]
    const one = await quiet(startScheduler({ flows, queue: a, driver: manualCronDriver().driver }))
    const two = await quiet(startScheduler({ flows, queue: b, driver: manualCronDriver().driver }))
    const first = await quiet(one.fire("erp-items", early))
    const second = await quiet(two.fire("erp-items", late))
    expect(first.jobId).toBe(second.jobId)
    expect(first.jobId).toBe(scheduledJobId("erp-items", tick))
    expect(first.tick).toEqual(tick)
    expect(a.jobs.get(first.jobId)).toEqual({
      kind: "flow-run",
      flow: "erp-items",
      trigger: "schedule",
      tick: tick.toISOString(),
    })
    expect(tickOf("*/5 * * * * *", new Date("2026-03-01T10:15:05.700Z"))).toEqual(new Date("2026-03-01T10:15:05.000Z"))
  })

  it("makes exactly one job per flow and tick when two daemons share a de-duplicating queue", async () => {
    const queue = memoryJobQueue()
    const clocks = [manualCronDriver(), manualCronDriver()]
    const ticks: string[] = []
    const schedulers = await Promise.all(
      clocks.map((clock) =>
        quiet(startScheduler({ flows, queue, driver: clock.driver, onTick: (t) => ticks.push(t.jobId) })),
      ),
    )
    expect(schedulers.map((s) => s.flows)).toEqual([
      ["erp-items", "shop-items"],
      ["erp-items", "shop-items"],
    ])
    for (const at of [early, late]) for (const clock of clocks) clock.fire(at)
    await vi.waitFor(() => expect(queue.adds).toHaveLength(8))
    expect([...queue.jobs.keys()].sort()).toEqual([
      scheduledJobId("erp-items", tick),
      scheduledJobId("shop-items", tick),
    ])
    expect(queue.adds.filter((a) => !a.duplicate)).toHaveLength(2)
    expect(ticks).toHaveLength(8)
  })

  it("enqueues nothing once stopped", async () => {
    const queue = memoryJobQueue()
    const clock = manualCronDriver()
    const scheduler = await quiet(startScheduler({ flows, queue, driver: clock.driver }))
    scheduler.stop()
    clock.fire(early)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(queue.adds).toHaveLength(0)
    expect([...scheduler.nextRuns().values()]).toEqual([null, null])
  })

  it("rejects a bad cron expression at start, naming flows.<name>.schedule", async () => {
    const error = await Effect.runPromise(
      Effect.flip(
        startScheduler({
          flows: [...flows, { name: "bad-flow", schedule: "61 * * * *" }],
          queue: memoryJobQueue(),
          driver: manualCronDriver().driver,
        }),
      ),
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.path).toBe("flows.bad-flow.schedule")
    expect(error.message).toContain("61 * * * *")
  })

  it("tells the next run of each scheduled flow with node-cron", async () => {
    const scheduler = await quiet(startScheduler({ flows, queue: memoryJobQueue(), driver: nodeCronDriver }))
    try {
      const next = scheduler.nextRuns()
      expect([...next.keys()]).toEqual(["erp-items", "shop-items"])
      const erp = next.get("erp-items")
      expect(erp).toBeInstanceOf(Date)
      expect((erp as Date).getTime()).toBeGreaterThan(Date.now())
      expect((erp as Date).getMinutes() % 15).toBe(0)
    } finally {
      scheduler.stop()
    }
    expect(scheduler.nextRuns().get("erp-items")).toBeNull()
    // Without a running scheduler (esl status), from the expression alone.
    expect((nextRunOf("0 * * * *") as Date).getMinutes()).toBe(0)
    expect(nextRunOf("not cron")).toBeNull()
  })
})

describeWithRedis("daemon scheduler on BullMQ", (url) => {
  it("two daemons, each with its own Redis connection, make one BullMQ job per flow and tick", async () => {
    const prefix = `esl-test-${randomUUID().slice(0, 8)}`
    const queues: JobQueue[] = [bullmqQueue(url, { prefix }), bullmqQueue(url, { prefix })]
    try {
      const clocks = [manualCronDriver(), manualCronDriver()]
      const outcomes: Array<{ jobId: string; duplicate: boolean }> = []
      await Promise.all(
        queues.map((queue, i) =>
          quiet(
            startScheduler({
              flows,
              queue,
              driver: (clocks[i] as (typeof clocks)[number]).driver,
              onTick: (t) => outcomes.push(t),
            }),
          ),
        ),
      )
      for (const clock of clocks) clock.fire(early)
      for (const clock of clocks) clock.fire(late)
      await vi.waitFor(() => expect(outcomes).toHaveLength(8), { timeout: 10_000 })
      expect(
        outcomes
          .filter((o) => !o.duplicate)
          .map((o) => o.jobId)
          .sort(),
      ).toEqual([scheduledJobId("erp-items", tick), scheduledJobId("shop-items", tick)])
      const depth = await Effect.runPromise((queues[0] as JobQueue).depth())
      expect(depth.waiting).toBe(2)
    } finally {
      await Promise.all(queues.map((q) => Effect.runPromise(q.close())))
      const admin = new Queue(FLOW_QUEUE, { connection: { url }, prefix })
      await admin.obliterate({ force: true })
      await admin.close()
    }
  })
})

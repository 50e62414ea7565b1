/**
 * `POST /webhooks/<system>`: verify the vendor's signature and freshness, de-duplicate by the
 * vendor's event id, and enqueue one job per event and inbound flow reading the stream it names.
 *
 * A rejected delivery (bad or missing signature, stale, replayed) answers 401 and leaves no trace
 * in the hub: nothing is remembered, nothing is enqueued. Rejection details never carry secrets.
 */
import { Effect, Either, Layer, Redacted } from "effect"
import type { SystemInstance, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../connector/index.ts"
import { makeRedactor, type Redactor } from "../../http/index.ts"
import { type StateError, StateStore, type StateStoreShape } from "../../state/index.ts"
import type { InboundFlow } from "../../sync/index.ts"
import { type App, withState } from "../app.ts"
import type { Job, JobQueue, QueueError, WebhookAnswer, WebhookHandler } from "../jobs.ts"

export interface WebhookHandlerOptions {
  readonly app: App
  readonly queue: JobQueue
  /**
   * An open state store to remember event ids in (the daemon's). Without one, the app's state is
   * opened for each delivery.
   */
  readonly store?: StateStoreShape
}

/**
 * The queue job id of one event for one flow: a vendor's retry of an accepted delivery maps to
 * the same job. BullMQ job ids may not contain ':', so it is escaped (as are the separators).
 */
export const webhookJobId = (system: string, eventId: string, flow: string): string =>
  ["webhook", system, eventId, flow]
    .map((part) => part.replaceAll("%", "%25").replaceAll(":", "%3A").replaceAll("|", "%7C"))
    .join("|")

/** The inbound flows that read what an event names: its system's stream. */
export const inboundFlowsFor = (app: App, system: string, stream: string): ReadonlyArray<InboundFlow> =>
  app.flows.filter((f): f is InboundFlow => f.kind === "inbound" && f.system.name === system && f.streamName === stream)

/**
 * The job for one event and flow: re-read the named records when the stream can read by id,
 * else an incremental run of the flow (which picks the change up from its cursor).
 */
export const jobFor = (flow: InboundFlow, event: WebhookEvent): Job =>
  flow.stream.readByIds !== undefined
    ? { kind: "records", flow: flow.name, externalIds: [...event.externalIds], eventId: event.eventId }
    : { kind: "flow-run", flow: flow.name, trigger: "webhook" }

const answer = (status: number, body: Readonly<Record<string, unknown>>): WebhookAnswer => ({ status, body })

/** Hides every secret of the system's config (`Redacted` values) and of its HTTP client in `text`. */
const redactorOf = (system: SystemInstance): Redactor => {
  const secrets: string[] = []
  const config = system.config
  if (typeof config === "object" && config !== null) {
    for (const value of Object.values(config)) {
      if (Redacted.isRedacted(value)) {
        const secret = Redacted.value(value)
        if (typeof secret === "string") secrets.push(secret)
      }
    }
  }
  const own = makeRedactor(secrets)
  return { ...own, string: (s: string) => own.string(system.context.http.redactor.string(s)) }
}

/** 401 for a delivery that failed verification; the reason, never the secret. */
const refused = (
  system: string,
  redactor: Redactor,
  rejection: { readonly reason: WebhookRejection["reason"] | "replayed"; readonly detail: string },
): Effect.Effect<WebhookAnswer> => {
  const detail = redactor.string(rejection.detail)
  return Effect.logWarning(`webhook for ${system} refused: ${rejection.reason}: ${detail}`).pipe(
    Effect.as(answer(401, { error: rejection.reason, detail })),
  )
}

interface Accepted {
  readonly events: number
  readonly replayed: ReadonlyArray<string>
  readonly ignored: ReadonlyArray<string>
  readonly jobIds: ReadonlyArray<string>
}

class EnqueueFailed {
  readonly _tag = "EnqueueFailed"
  constructor(readonly error: QueueError) {}
}

/**
 * Remembers each event (a known event id is a replay) and enqueues its jobs. An event whose jobs
 * could not be enqueued is forgotten again, so the vendor's retry of the delivery is accepted.
 */
const acceptEvents = (
  app: App,
  queue: JobQueue,
  system: string,
  events: ReadonlyArray<WebhookEvent>,
  receivedAt: string,
): Effect.Effect<Accepted, StateError | EnqueueFailed, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const replayed: string[] = []
    const ignored: string[] = []
    const jobIds: string[] = []
    let accepted = 0
    for (const event of events) {
      const first = yield* store.rememberWebhookEvent(system, event.eventId, receivedAt)
      if (!first) {
        replayed.push(event.eventId)
        continue
      }
      accepted++
      const flows = inboundFlowsFor(app, system, event.stream)
      if (flows.length === 0) {
        ignored.push(event.eventId)
        yield* Effect.logInfo(`webhook ${event.topic} from ${system}: no inbound flow reads stream ${event.stream}`)
        continue
      }
      for (const flow of flows) {
        const jobId = webhookJobId(system, event.eventId, flow.name)
        const enqueued = yield* Effect.either(queue.enqueue(jobFor(flow, event), { jobId }))
        if (Either.isLeft(enqueued)) {
          yield* store.forgetWebhookEvent(system, event.eventId)
          return yield* Effect.fail(new EnqueueFailed(enqueued.left))
        }
        jobIds.push(enqueued.right.jobId)
      }
    }
    return { events: accepted, replayed, ignored, jobIds }
  })

/**
 * The daemon's webhook handler: 404 for a system that does not exist or takes no webhooks, 401
 * for a delivery that fails verification or only repeats events already received, 400 for a
 * verified delivery that names nothing readable, 503 when the state or the queue is down (the
 * vendor retries), else 202 `{ accepted: <jobs enqueued>, jobIds }`.
 */
export const makeWebhookHandler = (options: WebhookHandlerOptions): WebhookHandler => {
  const { app, queue } = options
  const withStore = <A, E>(effect: Effect.Effect<A, E, StateStore>): Effect.Effect<A, E | StateError> =>
    options.store !== undefined
      ? Effect.provide(effect, Layer.succeed(StateStore, options.store))
      : withState(app, effect)

  return (systemName: string, delivery: WebhookDelivery) =>
    Effect.gen(function* () {
      const system = app.systems.get(systemName)
      const webhooks = system?.connector.webhooks
      if (system === undefined || webhooks === undefined) {
        return answer(404, { error: "not-found", detail: `no system named ${systemName} receives webhooks` })
      }
      const redactor = redactorOf(system)
      const verified = yield* Effect.either(webhooks.verify(system.config, delivery))
      if (Either.isLeft(verified)) return yield* refused(systemName, redactor, verified.left)

      const parsed = yield* Effect.either(webhooks.parse(system.config, delivery))
      if (Either.isLeft(parsed)) {
        const detail = redactor.string(parsed.left.detail)
        // An authentic delivery of a topic we do not handle: acknowledged, so the vendor stops retrying.
        if (parsed.left.reason === "unknown-topic") return answer(202, { accepted: 0, ignored: detail })
        yield* Effect.logWarning(`webhook for ${systemName} unreadable: ${parsed.left.reason}: ${detail}`)
        return answer(400, { error: parsed.left.reason, detail })
      }
      const events = parsed.right
      if (events.length === 0) return answer(202, { accepted: 0, jobIds: [] })

      const outcome = yield* Effect.either(
        withStore(acceptEvents(app, queue, systemName, events, delivery.receivedAt.toISOString())),
      )
      if (Either.isLeft(outcome)) {
        const error = outcome.left
        if (error._tag === "EnqueueFailed") {
          yield* Effect.logError(`webhook for ${systemName} not queued: ${redactor.string(error.error.message)}`)
          return answer(503, { error: "queue-unavailable", detail: "the job queue is unavailable; retry later" })
        }
        yield* Effect.logError(`webhook for ${systemName} not recorded: ${redactor.string(error.message)}`)
        return answer(503, { error: "state-unavailable", detail: "the state store is unavailable; retry later" })
      }
      const accepted = outcome.right
      if (accepted.events === 0) {
        return yield* refused(systemName, redactor, {
          reason: "replayed",
          detail: `event ${accepted.replayed.join(", ")} was received before`,
        })
      }
      return answer(202, {
        accepted: accepted.jobIds.length,
        jobIds: accepted.jobIds,
        ...(accepted.replayed.length > 0 ? { replayed: accepted.replayed } : {}),
        ...(accepted.ignored.length > 0 ? { ignored: accepted.ignored } : {}),
      })
    }).pipe(
      Effect.catchAllDefect((defect) => {
        const system = app.systems.get(systemName)
        const message = defect instanceof Error ? defect.message : String(defect)
        return Effect.logError(
          `webhook for ${systemName} failed: ${system ? redactorOf(system).string(message) : message}`,
        ).pipe(Effect.as(answer(500, { error: "internal", detail: "the delivery could not be handled; retry later" })))
      }),
    )
}

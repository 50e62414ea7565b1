import { Data, Effect } from "effect"
import { type DeadLetter, type RunCounts, StateStore } from "../state/index.ts"
import type { Flow } from "./flow.ts"
import { type InboundRunError, processInboundPage } from "./inbound.ts"
import { type OutboundRunError, processOutboundRecords } from "./outbound.ts"

export class DeadLetterNotFound extends Data.TaggedError("DeadLetterNotFound")<{
  readonly id: number
  readonly detail: string
}> {
  override get message() {
    return `Dead letter ${this.id}: ${this.detail}. List them with \`esl dlq list\`.`
  }
}

export interface ReplayResult {
  readonly id: number
  readonly flow: string
  readonly resolved: boolean
  readonly counts: RunCounts
  /** The reason it failed again, when it did. */
  readonly reason?: string
}

/**
 * Sends a dead letter through its flow again, after a fix. Inbound records are re-read from
 * the vendor when the stream can (the fix may have been made there), else the stored copy is
 * used; outbound records are re-sent from the hub's current version.
 */
export const replayDeadLetter = (
  flows: ReadonlyArray<Flow>,
  id: number,
): Effect.Effect<ReplayResult, DeadLetterNotFound | InboundRunError | OutboundRunError, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const letter = yield* store.getDeadLetter(id)
    if (!letter) return yield* new DeadLetterNotFound({ id, detail: "no such entry" })
    if (letter.status === "resolved") return yield* new DeadLetterNotFound({ id, detail: "already resolved" })
    const flow = flows.find((f) => f.name === letter.flow)
    if (!flow)
      return yield* new DeadLetterNotFound({ id, detail: `its flow "${letter.flow}" is no longer in the config` })
    const counts = yield* replayThrough(flow, letter)
    const resolved = counts.failed === 0
    if (!resolved) {
      const again = yield* store.getDeadLetter(id)
      return { id, flow: flow.name, resolved, counts, reason: again?.reason ?? letter.reason }
    }
    return { id, flow: flow.name, resolved, counts }
  })

const replayThrough = (flow: Flow, letter: DeadLetter) =>
  Effect.gen(function* () {
    const store = yield* StateStore
    if (flow.kind === "inbound") {
      const fresh = flow.stream.readByIds ? yield* flow.stream.readByIds(flow.system.context, [letter.sourceId]) : []
      const raw = fresh[0] ?? letter.payload
      return yield* processInboundPage(flow, [raw], { replaying: [letter.id] })
    }
    const records = yield* store.recordsById(flow.entity, [letter.sourceId])
    const record = records.get(letter.sourceId)
    if (!record)
      return yield* new DeadLetterNotFound({ id: letter.id, detail: `hub record ${letter.sourceId} no longer exists` })
    return yield* processOutboundRecords(flow, [record], { replaying: [letter.id] })
  })

/** Replays every open dead letter (optionally of one flow). */
export const replayAll = (flows: ReadonlyArray<Flow>, filter: { readonly flow?: string } = {}) =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const open = yield* store.listDeadLetters({
      status: "open",
      ...(filter.flow !== undefined ? { flow: filter.flow } : {}),
    })
    return yield* Effect.forEach(open, (letter) => Effect.either(replayDeadLetter(flows, letter.id)))
  })

/**
 * A vendor sandbox served over real HTTP on an OS-picked port, counting at the server side what
 * it was sent and how it answered: the rate-limit benchmark's witness. The client's own view
 * (its retries, its limiter's waits) is not trusted for these counts; the sandbox sees every
 * request, including the ones the client sent again after a throttle answer.
 */
import { setTimeout as sleep } from "node:timers/promises"
import { type Sandbox, serveSandbox } from "../core/connector/index.ts"

/** How the sandbox answered one request, as far as the benchmark counts it. */
export interface AnswerVerdict {
  /** A 429, or a throttle answer inside a 200 (Shopify's `THROTTLED`). */
  readonly throttled: boolean
  /** Points the vendor charged for it (Shopify's `actualQueryCost`); absent when it charges none. */
  readonly points?: number
  /** A write (a mutation, a batch upsert) rather than a read. */
  readonly write?: boolean
  /** What the vendor's budget held once this request was charged (Shopify's `currentlyAvailable`). */
  readonly availableAfter?: number
}

/** One request as the server saw it: when it arrived, how long the sandbox took, the verdict. */
export interface TalliedRequest extends AnswerVerdict {
  readonly at: number
  readonly serverMs: number
}

/** Reads a vendor's answer into a verdict: the request body and the answer's status and body. */
export type JudgeAnswer = (
  request: { readonly path: string; readonly body: string },
  status: number,
  body: string,
) => AnswerVerdict

/** What the server saw, summed up. */
export interface SandboxTally {
  requests: number
  throttled: number
  writes: number
  points: number
  writePoints: number
  /** `performance.now()` of the first and the last request's arrival. */
  firstAt: number | undefined
  lastAt: number | undefined
  /** Every request, in arrival order, for finding out where time went. */
  readonly log: Array<TalliedRequest>
}

export interface TallyingSandbox {
  readonly url: string
  readonly tally: SandboxTally
  readonly close: () => Promise<void>
}

/**
 * Serves `sandbox` on 127.0.0.1 (`serveSandbox`, OS-picked port) and judges every answer with
 * `judge` before it leaves. `latencyMs` holds each answer back that long, as the network and a
 * real vendor's own work would (the sandbox has counted the request by then).
 */
export const serveTallying = async (
  sandbox: Sandbox,
  judge: JudgeAnswer,
  options: { readonly latencyMs?: number } = {},
): Promise<TallyingSandbox> => {
  const tally: SandboxTally = {
    requests: 0,
    throttled: 0,
    writes: 0,
    points: 0,
    writePoints: 0,
    firstAt: undefined,
    lastAt: undefined,
    log: [],
  }
  const served = await serveSandbox(sandbox, {
    onAnswer: async ({ path, requestBody, status, answer, arrivedAt }) => {
      tally.requests += 1
      tally.firstAt = Math.min(tally.firstAt ?? arrivedAt, arrivedAt)
      tally.lastAt = Math.max(tally.lastAt ?? arrivedAt, arrivedAt)
      const verdict = judge({ path, body: requestBody.toString("utf8") }, status, answer.toString("utf8"))
      if (verdict.throttled) tally.throttled += 1
      if (verdict.write === true) tally.writes += 1
      tally.points += verdict.points ?? 0
      if (verdict.write === true) tally.writePoints += verdict.points ?? 0
      tally.log.push({ ...verdict, at: arrivedAt, serverMs: performance.now() - arrivedAt })
      if (options.latencyMs !== undefined && options.latencyMs > 0) await sleep(options.latencyMs)
    },
  })
  return { url: served.url, tally, close: served.close }
}

/**
 * A vendor sandbox served over real HTTP on an OS-picked port, counting at the server side what
 * it was sent and how it answered: the rate-limit benchmark's witness. The client's own view
 * (its retries, its limiter's waits) is not trusted for these counts; the sandbox sees every
 * request, including the ones the client sent again after a throttle answer.
 */
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { setTimeout as sleep } from "node:timers/promises"
import { getResponse } from "msw"
import type { Sandbox } from "../core/connector/index.ts"

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

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolveBody, reject) => {
    const parts: Buffer[] = []
    req.on("data", (chunk: Buffer) => parts.push(chunk))
    req.on("end", () => resolveBody(Buffer.concat(parts)))
    req.on("error", reject)
  })

/**
 * Serves `sandbox`'s msw handlers on 127.0.0.1 (as `serveSandbox` does) and judges every answer
 * with `judge` before it leaves. `latencyMs` holds each answer back that long, as the network and
 * a real vendor's own work would (the sandbox has counted the request by then).
 */
export const serveTallying = async (
  sandbox: Sandbox,
  judge: JudgeAnswer,
  options: { readonly latencyMs?: number } = {},
): Promise<TallyingSandbox> => {
  const handlers = [...sandbox.handlers]
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
  const server = createServer(async (req, res) => {
    const arrivedAt = performance.now()
    tally.requests += 1
    tally.firstAt ??= arrivedAt
    tally.lastAt = arrivedAt
    try {
      const body = await readBody(req)
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v)
        else if (value !== undefined) headers.set(name, value)
      }
      const method = req.method ?? "GET"
      const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body }),
      })
      const response = await getResponse(handlers, request)
      if (!response) {
        res.writeHead(404, { "content-type": "application/json" })
        res.end(JSON.stringify({ error: `the ${sandbox.connector} sandbox has no route for ${method} ${req.url}` }))
        return
      }
      const answer = Buffer.from(await response.arrayBuffer())
      const verdict = judge(
        { path: req.url ?? "/", body: body.toString("utf8") },
        response.status,
        answer.toString("utf8"),
      )
      if (verdict.throttled) tally.throttled += 1
      if (verdict.write === true) tally.writes += 1
      tally.points += verdict.points ?? 0
      if (verdict.write === true) tally.writePoints += verdict.points ?? 0
      tally.log.push({ ...verdict, at: arrivedAt, serverMs: performance.now() - arrivedAt })
      if (options.latencyMs !== undefined && options.latencyMs > 0) await sleep(options.latencyMs)
      const out: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        out[name] = value
      })
      res.writeHead(response.status, out)
      res.end(answer)
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" })
      res.end(JSON.stringify({ error: `sandbox failure: ${error instanceof Error ? error.message : String(error)}` }))
    }
  })
  await new Promise<void>((listening, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => listening())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tally,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections()
        server.close(() => closed())
      }),
  }
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Data, Effect, Runtime } from "effect"
import type { WebhookHandler } from "../jobs.ts"
import type { ReadinessReport } from "./readiness.ts"

/** The daemon's HTTP port could not be opened (in use, no permission). */
export class DaemonServerError extends Data.TaggedError("DaemonServerError")<{
  readonly port: number
  readonly detail: string
}> {
  override get message() {
    return `The daemon could not listen on port ${this.port}: ${this.detail}. Pick another with --port.`
  }
}

export interface DaemonServerOptions {
  /** 0 picks a free port. */
  readonly port: number
  /** Default 0.0.0.0 (every interface, as a container needs). */
  readonly host?: string
  readonly readiness: () => Effect.Effect<ReadinessReport>
  /** The Prometheus exposition (collected at scrape time) and its content type. */
  readonly metrics: () => Effect.Effect<string>
  readonly metricsContentType: string
  /** Without one, `/webhooks/*` answers 404. */
  readonly webhookHandler?: WebhookHandler
  /** Largest webhook body accepted (default 1 MiB); a bigger one answers 413. */
  readonly maxBodyBytes?: number
}

export interface DaemonServer {
  readonly url: string
  readonly port: number
  /** Stops accepting connections; resolves once requests in progress are answered. */
  readonly stopAccepting: () => Promise<void>
}

class BodyTooLarge extends Error {}

const readBody = (request: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? "0")
    if (declared > limit) {
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        request.removeAllListeners("data")
        request.resume()
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    request.on("end", () => resolve(Buffer.concat(chunks)))
    request.on("error", reject)
  })

/** Node lower-cases header names already; repeated headers are joined as HTTP allows. */
const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" })
  response.end(text)
}

/**
 * The daemon's HTTP surface: `GET /healthz` (the process lives), `GET /readyz` (store, queue and
 * systems; 503 when one is down), `GET /metrics` (Prometheus), `POST /webhooks/<system>` (to the
 * webhook handler, with the raw body bytes a signature is computed over).
 */
export const startServer = (options: DaemonServerOptions): Effect.Effect<DaemonServer, DaemonServerError> =>
  Effect.gen(function* () {
    const runtime = yield* Effect.runtime<never>()
    const run = Runtime.runPromise(runtime)
    const limit = options.maxBodyBytes ?? 1024 * 1024

    const route = async (request: IncomingMessage, response: ServerResponse) => {
      const path = new URL(request.url ?? "/", "http://daemon").pathname
      const method = request.method ?? "GET"
      if (path === "/healthz" && (method === "GET" || method === "HEAD")) {
        return sendJson(response, 200, { status: "ok" })
      }
      if (path === "/readyz" && (method === "GET" || method === "HEAD")) {
        const report = await run(options.readiness())
        return sendJson(response, report.ok ? 200 : 503, { status: report.ok ? "ready" : "not ready", ...report })
      }
      if (path === "/metrics" && method === "GET") {
        const text = await run(options.metrics())
        response.writeHead(200, { "content-type": options.metricsContentType })
        return response.end(text)
      }
      const webhook = /^\/webhooks\/([^/]+)\/?$/.exec(path)
      if (webhook?.[1] !== undefined && options.webhookHandler) {
        if (method !== "POST") {
          response.setHeader("allow", "POST")
          return sendJson(response, 405, { error: "method not allowed", allow: "POST" })
        }
        const system = decodeURIComponent(webhook[1])
        let rawBody: Buffer
        try {
          rawBody = await readBody(request, limit)
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            response.setHeader("connection", "close")
            return sendJson(response, 413, { error: `body larger than ${limit} bytes` })
          }
          throw error
        }
        const answer = await run(
          options.webhookHandler(system, { headers: headersOf(request), rawBody, receivedAt: new Date() }),
        )
        return sendJson(response, answer.status, answer.body)
      }
      return sendJson(response, 404, { error: `no route for ${method} ${path}` })
    }

    const server = createServer((request, response) => {
      route(request, response).catch((error: unknown) => {
        run(
          Effect.logError("daemon HTTP request failed").pipe(
            Effect.annotateLogs({
              path: request.url ?? "",
              detail: error instanceof Error ? error.message : String(error),
            }),
          ),
        ).catch(() => undefined)
        if (!response.headersSent) sendJson(response, 500, { error: "internal error" })
        else response.end()
      })
    })
    // Slow or idle clients must not hold a shutdown open.
    server.keepAliveTimeout = 5_000
    server.headersTimeout = 10_000
    server.requestTimeout = 30_000

    const port = yield* Effect.async<number, DaemonServerError>((resume) => {
      const onError = (error: Error) =>
        resume(Effect.fail(new DaemonServerError({ port: options.port, detail: error.message })))
      server.once("error", onError)
      server.listen(options.port, options.host ?? "0.0.0.0", () => {
        server.off("error", onError)
        resume(Effect.succeed((server.address() as AddressInfo).port))
      })
    })
    const shownHost = options.host === undefined || options.host === "0.0.0.0" ? "127.0.0.1" : options.host
    let closing: Promise<void> | undefined
    return {
      url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`,
      port,
      stopAccepting: () => {
        closing ??= new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeIdleConnections()
        })
        return closing
      },
    }
  })

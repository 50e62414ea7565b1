import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { getResponse } from "msw"
import type { Sandbox } from "./sandbox.ts"

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: point the connector's `baseUrl` here. */
  readonly url: string
  readonly port: number
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
 * Serves a sandbox's msw handlers as a real HTTP server on 127.0.0.1, so any client (esl in
 * another process, curl, a vendor SDK) can talk to it. Port 0 picks a free port. A sandbox with
 * its own `serve` (a non-HTTP vendor) is served by it instead.
 */
/** One request the sandbox answered, as it is about to leave. */
export interface SandboxExchange {
  readonly method: string
  readonly path: string
  readonly requestBody: Buffer
  readonly status: number
  readonly answer: Buffer
  /** `performance.now()` when the request arrived. */
  readonly arrivedAt: number
}

export interface ServeSandboxOptions {
  readonly port?: number
  readonly host?: string
  /**
   * Sees every answer before it is sent, and holds it back until it settles: for counting what
   * the vendor was sent (the rate-limit benchmark) or adding a vendor's round trip.
   */
  readonly onAnswer?: (exchange: SandboxExchange) => void | Promise<void>
}

export const serveSandbox = (sandbox: Sandbox, options: ServeSandboxOptions = {}): Promise<RunningSandbox> => {
  const host = options.host ?? "127.0.0.1"
  if (sandbox.serve) return sandbox.serve({ port: options.port ?? 0, host })
  const handlers = [...sandbox.handlers]
  const server: Server = createServer(async (req, res) => {
    const arrivedAt = performance.now()
    try {
      const body = await readBody(req)
      const headers = new Headers()
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v)
        else if (value !== undefined) headers.set(name, value)
      }
      const method = req.method ?? "GET"
      const request = new Request(`http://${req.headers.host ?? host}${req.url ?? "/"}`, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body }),
      })
      const response =
        (await getResponse(handlers, request)) ??
        Response.json(
          { error: `the ${sandbox.connector} sandbox has no route for ${method} ${req.url}` },
          { status: 404 },
        )
      const answer = Buffer.from(await response.arrayBuffer())
      await options.onAnswer?.({
        method,
        path: req.url ?? "/",
        requestBody: body,
        status: response.status,
        answer,
        arrivedAt,
      })
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
  return new Promise((resolveServer, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo
      resolveServer({
        url: `http://${host}:${port}`,
        port,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}

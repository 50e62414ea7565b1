/**
 * Tests that need a real PostgreSQL or Redis: run when the service is up, skip when it is down,
 * and fail when it is down but `ESL_REQUIRE_SERVICES=1` says it must be there (CI).
 *
 *   describeWithPostgres("postgres store", (url) => { it(…) })
 */
import { connect as netConnect, type Socket } from "node:net"
import { connect as tlsConnect } from "node:tls"
import { Client } from "pg"
import { describe, it } from "vitest"

export type ServiceKind = "postgres" | "redis"

export interface ServiceStatus {
  readonly available: boolean
  readonly url: string
  /** Why the service counts as unavailable. */
  readonly reason?: string
}

const TIMEOUT_MS = 2_000
const START_HINT = "start it with `../shared/tools/services up`"

/** Where tests look for the service: `DATABASE_URL` / `REDIS_URL`, else the local default. */
export const serviceUrl = (kind: ServiceKind): string =>
  kind === "postgres"
    ? (process.env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test")
    : (process.env.REDIS_URL ?? "redis://127.0.0.1:6379")

const label = (kind: ServiceKind) => (kind === "postgres" ? "PostgreSQL" : "Redis")

/** The URL without its password, for messages. */
const safe = (url: string) => {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = "***"
    return parsed.toString()
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@")
  }
}

const pingPostgres = async (url: string): Promise<void> => {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS })
  client.on("error", () => undefined)
  try {
    await client.connect()
    await client.query("SELECT 1")
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** A raw RESP `PING` (after `AUTH` when the URL has credentials): no Redis client needed. */
const pingRedis = (url: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const parsed = new URL(url)
    const port = Number(parsed.port || 6379)
    const host = parsed.hostname || "127.0.0.1"
    const command = (...args: string[]) =>
      `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`
    const user = decodeURIComponent(parsed.username)
    const password = decodeURIComponent(parsed.password)
    const auth = password ? (user ? command("AUTH", user, password) : command("AUTH", password)) : ""
    const socket: Socket =
      parsed.protocol === "rediss:" ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port })
    let received = ""
    const done = (error?: Error) => {
      socket.destroy()
      if (error) reject(error)
      else resolve()
    }
    socket.setTimeout(TIMEOUT_MS, () => done(new Error(`no answer within ${TIMEOUT_MS} ms`)))
    socket.once(parsed.protocol === "rediss:" ? "secureConnect" : "connect", () => {
      socket.write(auth + command("PING"))
    })
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8")
      if (received.includes("+PONG\r\n")) done()
      else if (received.startsWith("-")) done(new Error(received.trim()))
    })
    socket.on("error", (error) => done(error))
    socket.on("close", () => done(new Error("connection closed before PONG")))
  })

const checks = new Map<ServiceKind, Promise<ServiceStatus>>()

/** Whether the service answers (checked once per test file). */
export const requireService = (kind: ServiceKind): Promise<ServiceStatus> => {
  let check = checks.get(kind)
  if (!check) {
    const url = serviceUrl(kind)
    check = (kind === "postgres" ? pingPostgres(url) : pingRedis(url)).then(
      (): ServiceStatus => ({ available: true, url }),
      (error: unknown): ServiceStatus => ({
        available: false,
        url,
        reason: error instanceof Error ? error.message || error.name : String(error),
      }),
    )
    checks.set(kind, check)
  }
  return check
}

const describeWithService = (kind: ServiceKind, name: string, fn: (url: string) => void) =>
  describe(name, async () => {
    const status = await requireService(kind)
    if (status.available) {
      fn(status.url)
      return
    }
    const why = `${label(kind)} is not reachable at ${safe(status.url)} (${status.reason ?? "unknown reason"})`
    if (process.env.ESL_REQUIRE_SERVICES === "1") {
      throw new Error(`${why}; ESL_REQUIRE_SERVICES=1 requires it: ${START_HINT}`)
    }
    it.skip(`needs ${label(kind)}: ${why}; ${START_HINT}`, () => undefined)
  })

/** A suite that needs PostgreSQL; `fn` gets the database URL. */
export const describeWithPostgres = (name: string, fn: (url: string) => void) =>
  describeWithService("postgres", name, fn)

/** A suite that needs Redis; `fn` gets the Redis URL. */
export const describeWithRedis = (name: string, fn: (url: string) => void) => describeWithService("redis", name, fn)

/**
 * A suite that needs real servers found through environment variables (the e2e peers, whose
 * global setup sets them): skipped when one is not set, failed when `ESL_REQUIRE_SERVICES=1`
 * says it must be there, as the PostgreSQL and Redis suites above.
 *
 *   describeWithPeers("…", { TRYTON_URL: tryton !== undefined }, "run npm run test:e2e", () => { it(…) })
 */
export const describeWithPeers = (
  name: string,
  variables: Readonly<Record<string, boolean>>,
  startHint: string,
  fn: () => void,
) =>
  describe(name, () => {
    const missing = Object.keys(variables).filter((variable) => !variables[variable])
    if (missing.length === 0) {
      fn()
      return
    }
    const why = `${missing.join(" and ")} not set`
    if (process.env.ESL_REQUIRE_SERVICES === "1") {
      throw new Error(`${why}; ESL_REQUIRE_SERVICES=1 requires it: ${startHint}`)
    }
    it.skip(`needs ${why}: ${startHint}`, () => undefined)
  })

/**
 * An offline WooCommerce 9 shop (REST API `wc/v3`): products and variations with batch writes,
 * orders, customers, behind HTTP Basic consumer key/secret, seeded with Alpenglow Outfitters'
 * shop (`../fixtures/`).
 *
 * @example
 * const sandbox = woocommerceSandbox({ rateLimits: false })
 * const server = setupServer(...sandbox.handlers)
 */
import { type HttpHandler, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/sandbox.ts"
import { seedCustomers } from "../fixtures/customers.ts"
import { seedOrders } from "../fixtures/orders.ts"
import { seedCategories, seedProducts } from "../fixtures/products.ts"
import { categoryHandlers } from "./categories.ts"
import { errorResponse, wooError } from "./errors.ts"
import { orderHandlers } from "./orders.ts"
import { productHandlers } from "./products.ts"
import type { WooSandboxState } from "./state.ts"

export { BATCH_LIMIT } from "./products.ts"
export type { StoredProduct, WooSandboxState } from "./state.ts"

/** Requests per second before the sandbox answers 429, like a host's limiter in front of the shop. */
export const SANDBOX_REQUESTS_PER_SECOND = 25

/** Options of the WooCommerce sandbox. */
export interface WooSandboxOptions extends SandboxOptions {
  /** The key pairs it accepts; default any `ck_…` key with any `cs_…` secret. */
  readonly credentials?: ReadonlyArray<{ readonly consumerKey: string; readonly consumerSecret: string }>
  /** Requests per second before 429 (default 25). */
  readonly requestsPerSecond?: number
}

/** The sandbox's clock starts here; each write moves it on by a second. */
export const SANDBOX_EPOCH = "2026-03-06T09:00:00"

const credentialsOf = (request: Request): { key: string; secret: string } | undefined => {
  const header = request.headers.get("authorization")
  if (header === null || !/^basic /i.test(header)) return undefined
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

/**
 * The sandbox `esl sandbox woocommerce` serves and tests put behind msw. `rateLimits` (default
 * on) answers bursts with 429; `credentials` restricts the keys it takes.
 */
export const woocommerceSandbox = (options: WooSandboxOptions = {}): Sandbox<WooSandboxState> => {
  let tick = 0
  const state: WooSandboxState = {
    products: new Map(),
    categories: new Map(),
    orders: new Map(),
    customers: new Map(),
    nextId: 100,
    clock: () => new Date(Date.parse(`${SANDBOX_EPOCH}Z`) + 1000 * tick++).toISOString().slice(0, 19),
    requests: [],
  }
  const reset = () => {
    tick = 0
    state.products.clear()
    state.categories.clear()
    state.orders.clear()
    state.customers.clear()
    state.requests.length = 0
    state.nextId = 100
    if (options.seed === false) return
    for (const c of seedCategories) state.categories.set(c.id, { ...c })
    for (const p of seedProducts) state.products.set(p.id, structuredClone(p))
    for (const o of seedOrders) state.orders.set(o.id, structuredClone(o))
    for (const c of seedCustomers) state.customers.set(c.id, structuredClone(c))
  }
  reset()

  const perSecond = options.requestsPerSecond ?? SANDBOX_REQUESTS_PER_SECOND
  let sent: Array<number> = []
  const throttled = (): Response | undefined => {
    if (options.rateLimits === false) return undefined
    const now = Date.now()
    sent = sent.filter((t) => t > now - 1000)
    if (sent.length < perSecond) {
      sent.push(now)
      return undefined
    }
    return errorResponse(wooError("rate_limit_exceeded", "Too many requests. Please wait and try again.", 429), {
      "Retry-After": "1",
      "RateLimit-Limit": String(perSecond),
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "1",
    })
  }

  const authorized = (request: Request): Response | undefined => {
    const given = credentialsOf(request)
    if (given === undefined) {
      return errorResponse(wooError("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401))
    }
    const known =
      options.credentials === undefined
        ? given.key.startsWith("ck_") && given.secret.startsWith("cs_")
        : options.credentials.some((c) => c.consumerKey === given.key && c.consumerSecret === given.secret)
    return known
      ? undefined
      : errorResponse(wooError("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401))
  }

  // Every API request is counted, throttled and authenticated before a route sees it.
  const gate = http.all("*/wp-json/wc/v3/*", ({ request }) => {
    const url = new URL(request.url)
    state.requests.push(`${request.method} ${url.pathname.replace(/^.*\/wp-json\/wc\/v3/, "")}${url.search}`)
    return throttled() ?? authorized(request)
  })
  const notFound = http.all("*/wp-json/wc/v3/*", () =>
    errorResponse(wooError("rest_no_route", "No route was found matching the URL and request method.", 404)),
  )
  const handlers: ReadonlyArray<HttpHandler> = [
    gate,
    ...categoryHandlers(state),
    ...productHandlers(state),
    ...orderHandlers(state),
    notFound,
  ]
  return { connector: "woocommerce", handlers, state, reset }
}

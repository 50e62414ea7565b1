/**
 * An offline Shopware 6 Admin API: OAuth2 client credentials (`/api/oauth/token`, tokens live
 * 600 s), Criteria searches (`/api/search/{entity}`), the Sync API (`/api/_action/sync`, one
 * transaction, DAL-like validation), order delivery state transitions and `/api/_info/version`,
 * over Alpenglow Outfitters' seeded shop (`../fixtures/seed.ts`).
 *
 * @example
 * const sandbox = shopwareSandbox({ rateLimits: false })
 * const server = setupServer(...sandbox.handlers)
 */
import { randomBytes } from "node:crypto"
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/sandbox.ts"
import { seedCustomers, seedNewsletterRecipients, seedOrders, seedSettings } from "../fixtures/seed.ts"
import { CriteriaError, runCriteria } from "./criteria.ts"
import { errorResponse, invalidClient, unauthorized } from "./errors.ts"
import type { Row, ShopwareSandboxState } from "./state.ts"
import { transitionDelivery } from "./transitions.ts"
import { runSync } from "./write.ts"

export type { ShopwareSandboxState } from "./state.ts"

/** The integration the sandbox knows (Settings → System → Integrations). */
export const SANDBOX_CLIENT_ID = "SWIAALPENGLOWSANDBOX0000001"
export const SANDBOX_CLIENT_SECRET = "sandbox-secret-access-key"
/** Token lifetime Shopware gives integrations. */
export const TOKEN_LIFETIME_SECONDS = 600
/** Requests per second before the sandbox answers 429 (when `rateLimits` is on). */
export const SANDBOX_REQUESTS_PER_SECOND = 50

export interface ShopwareSandboxOptions extends SandboxOptions {
  readonly clientId?: string
  readonly clientSecret?: string
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const clone = <T>(value: T): T => structuredClone(value)

const loadSeed = (state: ShopwareSandboxState): void => {
  for (const c of seedCustomers) state.table("customer").set(c.id, clone(c))
  for (const r of seedNewsletterRecipients) state.table("newsletter_recipient").set(r.id, clone(r))
  for (const o of seedOrders) {
    state.table("order").set(o.id, clone(o))
    for (const d of o.deliveries) state.table("order_delivery").set(d.id, { ...clone(d), orderId: o.id })
  }
  for (const t of seedSettings.taxes) state.table("tax").set(t.id, clone(t))
  for (const c of seedSettings.currencies) state.table("currency").set(c.id, clone(c))
  for (const s of seedSettings.salesChannels) state.table("sales_channel").set(s.id, clone(s))
  for (const s of seedSettings.shippingMethods) state.table("shipping_method").set(s.id, clone(s))
  for (const g of seedSettings.propertyGroups) state.table("property_group").set(g.id, clone(g))
  for (const r of seedSettings.rules) state.table("rule").set(r.id, clone(r))
}

/** Reads a token request: JSON (as Shopware documents it) or a form (as OAuth clients send it). */
const tokenRequest = async (request: Request): Promise<Record<string, string>> => {
  const text = await request.text()
  if ((request.headers.get("content-type") ?? "").includes("json")) {
    const parsed: unknown = JSON.parse(text)
    return isRecord(parsed) ? Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)])) : {}
  }
  return Object.fromEntries(new URLSearchParams(text))
}

/** The sandbox `esl sandbox shopware` serves and tests put behind msw. */
export const shopwareSandbox = (options: ShopwareSandboxOptions = {}): Sandbox<ShopwareSandboxState> => {
  const entities = new Map<string, Map<string, Row>>()
  const tokens = new Map<string, number>()
  const state: ShopwareSandboxState = {
    entities,
    tokens,
    credentials: {
      clientId: options.clientId ?? SANDBOX_CLIENT_ID,
      clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    },
    calls: [],
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0)
    },
    table: (entity) => {
      let table = entities.get(entity)
      if (table === undefined) {
        table = new Map()
        entities.set(entity, table)
      }
      return table
    },
  }
  const reset = () => {
    entities.clear()
    tokens.clear()
    state.calls.length = 0
    if (options.seed !== false) loadSeed(state)
  }
  reset()

  let sent: number[] = []
  const throttled = (): Response | undefined => {
    if (options.rateLimits === false) return undefined
    const now = Date.now()
    sent = sent.filter((t) => t > now - 1000)
    if (sent.length < SANDBOX_REQUESTS_PER_SECOND) {
      sent.push(now)
      return undefined
    }
    return errorResponse(
      429,
      [
        {
          status: "429",
          code: "FRAMEWORK__RATE_LIMIT_EXCEEDED",
          title: "Too Many Requests",
          detail: "Too many requests, try again in 1 seconds.",
        },
      ],
      { "Retry-After": "1" },
    )
  }
  const authorized = (request: Request): boolean => {
    const header = request.headers.get("authorization") ?? ""
    const token = header.startsWith("Bearer ") ? header.slice(7) : ""
    const expires = tokens.get(token)
    return expires !== undefined && expires > Date.now()
  }
  /** Every API route: throttle, then the bearer token, then the route itself. */
  const guarded =
    (handle: (request: Request, params: Record<string, string>) => Promise<Response> | Response) =>
    async ({
      request,
      params,
    }: {
      request: Request
      params: Record<string, string | readonly string[] | undefined>
    }) => {
      const limited = throttled()
      if (limited !== undefined) return limited
      if (!authorized(request)) return unauthorized()
      const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))
      return handle(request, flat)
    }
  const bodyOf = async (request: Request): Promise<unknown> => {
    const text = await request.text()
    return text === "" ? {} : JSON.parse(text)
  }

  const handlers = [
    http.post("*/api/oauth/token", async ({ request }) => {
      const limited = throttled()
      if (limited !== undefined) return limited
      state.calls.push({ method: "POST", path: "/api/oauth/token" })
      const form = await tokenRequest(request)
      if (form.grant_type !== "client_credentials") {
        return HttpResponse.json(
          {
            errors: [
              {
                status: "400",
                code: "2",
                title: "Bad Request",
                detail: "The authorization grant type is not supported by the authorization server.",
              },
            ],
          },
          { status: 400 },
        )
      }
      if (form.client_id !== state.credentials.clientId || form.client_secret !== state.credentials.clientSecret) {
        return invalidClient()
      }
      const accessToken = randomBytes(24).toString("hex")
      tokens.set(accessToken, Date.now() + TOKEN_LIFETIME_SECONDS * 1000)
      return HttpResponse.json({ token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken })
    }),
    http.get(
      "*/api/_info/version",
      guarded(() => HttpResponse.json({ version: "6.6.10.3" })),
    ),
    http.post(
      "*/api/search/:entity",
      guarded(async (request, params) => {
        const entity = (params.entity ?? "").replaceAll("-", "_")
        const criteria = await bodyOf(request)
        state.calls.push({ method: "POST", path: `/api/search/${entity}`, body: criteria })
        if (
          !entities.has(entity) &&
          !["product", "product_price", "category", "property_group_option", "media"].includes(entity)
        ) {
          return errorResponse(404, [
            {
              status: "404",
              code: "FRAMEWORK__DEFINITION_NOT_FOUND",
              title: "Not Found",
              detail: `Definition for entity "${entity}" does not exist.`,
            },
          ])
        }
        try {
          const { data, total } = runCriteria(entity, [...state.table(entity).values()], criteria)
          return HttpResponse.json({ total, data: clone(data), aggregations: [] })
        } catch (error) {
          if (!(error instanceof CriteriaError)) throw error
          return errorResponse(400, [{ status: "400", code: error.code, title: "Bad Request", detail: error.message }])
        }
      }),
    ),
    http.post(
      "*/api/_action/sync",
      guarded(async (request) => {
        const body = await bodyOf(request)
        state.calls.push({ method: "POST", path: "/api/_action/sync", body })
        const answer = runSync(state, body)
        if (!answer.ok) return errorResponse(400, answer.errors)
        return HttpResponse.json({ data: answer.data, deleted: {}, notFound: {} })
      }),
    ),
    http.post(
      "*/api/_action/media/:id/upload",
      guarded(async (request, params) => {
        const id = params.id ?? ""
        const url = new URL(request.url)
        const body = await bodyOf(request)
        state.calls.push({ method: "POST", path: `/api/_action/media/${id}/upload`, body })
        const media = state.table("media").get(id)
        if (media === undefined) {
          return errorResponse(404, [
            {
              status: "404",
              code: "CONTENT__MEDIA_NOT_FOUND",
              title: "Not Found",
              detail: `Media for id ${id} not found.`,
            },
          ])
        }
        const extension = url.searchParams.get("extension")
        const source = isRecord(body) && typeof body.url === "string" ? body.url : undefined
        if (!extension || source === undefined || !/^https?:\/\//.test(source)) {
          return errorResponse(400, [
            {
              status: "400",
              code: "CONTENT__MEDIA_ILLEGAL_URL",
              title: "Bad Request",
              detail: `Provided URL "${String(source)}" is invalid.`,
            },
          ])
        }
        state.table("media").set(id, {
          ...media,
          hasFile: true,
          fileName: url.searchParams.get("fileName") ?? id,
          fileExtension: extension,
          url: source,
        })
        return new HttpResponse(null, { status: 204 })
      }),
    ),
    http.post(
      "*/api/_action/order_delivery/:id/state/:transition",
      guarded((_request, params) => {
        const id = params.id ?? ""
        const transition = params.transition ?? ""
        state.calls.push({ method: "POST", path: `/api/_action/order_delivery/${id}/state/${transition}` })
        const result = transitionDelivery(state, id, transition)
        if (!result.ok) return errorResponse(result.status, [result.error])
        return HttpResponse.json({
          id: result.stateId,
          technicalName: result.technicalName,
          name: result.technicalName,
        })
      }),
    ),
  ]

  return { connector: "shopware", handlers, state, reset }
}

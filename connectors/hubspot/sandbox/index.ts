/**
 * An offline HubSpot CRM account: msw handlers on HubSpot's own paths (any origin) over
 * in-memory records of contacts, companies, products, line items and orders.
 *
 * Serves the objects API v3 (`GET /crm/v3/objects/{type}`, `…/{id}`, `…/search`,
 * `…/batch/read|create|update|upsert`), the associations API v4 (`batch/read`,
 * `batch/associate/default`) and `GET /crm/v3/properties/{type}`. Like HubSpot it answers 401
 * without a bearer token, 429 with the `X-HubSpot-RateLimit-*` headers past the 10-second
 * window, refuses batches over 100 inputs, unknown or read-only properties and a second contact
 * with a known e-mail (409 CONFLICT), and stops a search query at its result cap.
 */
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { RATE_LIMIT_INTERVAL_MS, requestsPerTenSeconds } from "../config.ts"
import { batchCreate, batchRead, batchUpdate, batchUpsert } from "./batch.ts"
import { badRequest, errorResponse, unauthorized } from "./errors.ts"
import { propertyCatalogue } from "./properties.ts"
import { search } from "./search.ts"
import {
  associate,
  associatedWith,
  DEFAULT_ASSOCIATION_TYPES,
  type HubspotSandboxState,
  OBJECT_TYPES,
  seedState,
  toPublic,
} from "./state.ts"

export type { HubspotSandboxState, StoredObject } from "./state.ts"

/** The token tests and `esl sandbox` use; the sandbox accepts any non-empty bearer token unless told otherwise. */
export const SANDBOX_TOKEN = "pat-eu1-sandbox"

/** HubSpot sandbox options on top of every sandbox's. */
export interface HubspotSandboxOptions extends SandboxOptions {
  /** Requests per rolling 10 seconds (default 100, the Free/Starter limit). */
  readonly requestsPerTenSeconds?: number
  /** Results a search query can page to (default 10,000, HubSpot's); tests lower it. */
  readonly searchResultLimit?: number
  /** Tokens the account accepts; default any non-empty bearer token. */
  readonly accessTokens?: ReadonlyArray<string>
  /** The clock of the rate-limit window and record timestamps (default `Date.now`). */
  readonly now?: () => number
}

const isKnownType = (type: string): boolean => (OBJECT_TYPES as ReadonlyArray<string>).includes(type)

const unknownType = (type: string) => badRequest(`Unable to infer object type from: ${type}`)

/**
 * The HubSpot sandbox.
 *
 * @example
 * const sandbox = hubspotSandbox({ searchResultLimit: 4 })
 * const server = setupServer(...sandbox.handlers)
 */
export const hubspotSandbox = (options: HubspotSandboxOptions = {}): Sandbox<HubspotSandboxState> => {
  const now = options.now ?? Date.now
  const limit = options.requestsPerTenSeconds ?? requestsPerTenSeconds.starter
  const resultLimit = options.searchResultLimit ?? 10_000
  const state = seedState(options.seed ?? true)

  const rateHeaders = (remaining: number): Record<string, string> => ({
    "X-HubSpot-RateLimit-Max": String(limit),
    "X-HubSpot-RateLimit-Remaining": String(Math.max(0, remaining)),
    "X-HubSpot-RateLimit-Interval-Milliseconds": String(RATE_LIMIT_INTERVAL_MS),
  })

  /** Auth and the 10-second window in front of every route. */
  const guarded =
    (
      answer: (args: {
        request: Request
        params: Record<string, string | ReadonlyArray<string> | undefined>
      }) => Promise<Response> | Response,
    ) =>
    async (args: { request: Request; params: Record<string, string | ReadonlyArray<string> | undefined> }) => {
      state.requests += 1
      const auth = args.request.headers.get("authorization") ?? ""
      const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1]
      if (token === undefined || (options.accessTokens !== undefined && !options.accessTokens.includes(token))) {
        return unauthorized()
      }
      const at = now()
      state.window = state.window.filter((t) => t > at - RATE_LIMIT_INTERVAL_MS)
      if ((options.rateLimits ?? true) && state.window.length >= limit) {
        state.throttled += 1
        // https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details#error-responses
        return errorResponse(
          429,
          "RATE_LIMITS",
          "You have reached your ten_secondly_rolling limit.",
          { errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" },
          rateHeaders(0),
        )
      }
      state.window.push(at)
      const response = await answer(args)
      for (const [name, value] of Object.entries(rateHeaders(limit - state.window.length))) {
        response.headers.set(name, value)
      }
      return response
    }

  const json = async (request: Request): Promise<unknown> => request.json().catch(() => undefined)
  const param = (value: string | ReadonlyArray<string> | undefined): string =>
    typeof value === "string" ? value : (value?.[0] ?? "")

  const handlers = [
    http.post(
      "*/crm/v3/objects/:objectType/search",
      guarded(async ({ request, params }) => {
        const type = param(params.objectType)
        if (!isKnownType(type)) return unknownType(type)
        const answer = search(state, type, await json(request), resultLimit)
        return answer instanceof Response ? answer : HttpResponse.json(answer.body)
      }),
    ),
    http.post(
      "*/crm/v3/objects/:objectType/batch/:operation",
      guarded(async ({ request, params }) => {
        const type = param(params.objectType)
        if (!isKnownType(type)) return unknownType(type)
        const body = await json(request)
        switch (param(params.operation)) {
          case "read":
            return batchRead(state, type, body)
          case "create":
            return batchCreate(state, type, body, now())
          case "update":
            return batchUpdate(state, type, body, now())
          case "upsert":
            return batchUpsert(state, type, body, now())
          default:
            return errorResponse(404, "OBJECT_NOT_FOUND", `No batch operation ${param(params.operation)}`)
        }
      }),
    ),
    http.get(
      "*/crm/v3/objects/:objectType",
      guarded(({ request, params }) => {
        const type = param(params.objectType)
        if (!isKnownType(type)) return unknownType(type)
        const url = new URL(request.url)
        const pageSize = Number(url.searchParams.get("limit") ?? "10")
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
          return badRequest(`limit must be between 1 and 100, was ${url.searchParams.get("limit")}`)
        }
        const after = Number(url.searchParams.get("after") ?? "0")
        const properties = (url.searchParams.get("properties") ?? "").split(",").filter((p) => p !== "")
        const records = [...(state.objects[type]?.values() ?? [])]
          .filter((r) => Number(r.id) > after)
          .sort((a, b) => Number(a.id) - Number(b.id))
        const page = records.slice(0, pageSize)
        const last = page.at(-1)
        return HttpResponse.json({
          results: page.map((r) => toPublic(type, r, properties)),
          ...(records.length > pageSize && last !== undefined
            ? { paging: { next: { after: String(Number(last.id) + 1), link: `?after=${Number(last.id) + 1}` } } }
            : {}),
        })
      }),
    ),
    http.get(
      "*/crm/v3/objects/:objectType/:objectId",
      guarded(({ request, params }) => {
        const type = param(params.objectType)
        if (!isKnownType(type)) return unknownType(type)
        const record = state.objects[type]?.get(param(params.objectId))
        if (record === undefined) return new HttpResponse(null, { status: 404 })
        const properties = (new URL(request.url).searchParams.get("properties") ?? "").split(",").filter((p) => p)
        return HttpResponse.json(toPublic(type, record, properties))
      }),
    ),
    http.get(
      "*/crm/v3/properties/:objectType",
      guarded(({ params }) => {
        const type = param(params.objectType)
        const catalogue = propertyCatalogue[type]
        if (catalogue === undefined) return unknownType(type)
        return HttpResponse.json({
          results: Object.entries(catalogue).map(([name, d]) => ({
            name,
            label: name,
            type: d.type === "bool" ? "bool" : d.type === "number" ? "number" : d.type,
            fieldType: d.type === "enumeration" ? "select" : "text",
            hasUniqueValue: d.unique === true,
            modificationMetadata: { readOnlyValue: d.readOnly === true, archivable: true },
            options: (d.options ?? []).map((o, i) => ({ label: o, value: o, displayOrder: i, hidden: false })),
          })),
        })
      }),
    ),
    http.post(
      "*/crm/v4/associations/:fromType/:toType/batch/read",
      guarded(async ({ request, params }) => {
        const fromType = param(params.fromType)
        const toType = param(params.toType)
        if (!isKnownType(fromType)) return unknownType(fromType)
        if (!isKnownType(toType)) return unknownType(toType)
        const body = await json(request)
        const inputs =
          typeof body === "object" && body !== null && Array.isArray((body as { inputs?: unknown }).inputs)
            ? (body as { inputs: Array<unknown> }).inputs
            : undefined
        if (inputs === undefined) return badRequest("Invalid input JSON: `inputs` is required")
        if (inputs.length > 1000)
          return badRequest(`Batch input limit exceeded: ${inputs.length} inputs, the limit is 1000.`)
        const results = inputs.flatMap((input) => {
          const id = typeof input === "object" && input !== null ? String((input as { id?: unknown }).id ?? "") : ""
          const to = associatedWith(state, fromType, id, toType)
          return to.length === 0
            ? []
            : [
                {
                  from: { id },
                  to: to.map((a) => ({
                    toObjectId: Number(a.toId),
                    associationTypes: [{ category: "HUBSPOT_DEFINED", typeId: a.typeId, label: null }],
                  })),
                },
              ]
        })
        const iso = new Date(now()).toISOString()
        return HttpResponse.json({ status: "COMPLETE", results, startedAt: iso, completedAt: iso })
      }),
    ),
    http.post(
      "*/crm/v4/associations/:fromType/:toType/batch/associate/default",
      guarded(async ({ request, params }) => {
        const fromType = param(params.fromType)
        const toType = param(params.toType)
        const typeId = DEFAULT_ASSOCIATION_TYPES[`${fromType}→${toType}`]
        if (typeId === undefined) return badRequest(`No default association from ${fromType} to ${toType}`)
        const body = await json(request)
        const inputs =
          typeof body === "object" && body !== null && Array.isArray((body as { inputs?: unknown }).inputs)
            ? (body as { inputs: Array<{ from?: { id?: unknown }; to?: { id?: unknown } }> }).inputs
            : undefined
        if (inputs === undefined) return badRequest("Invalid input JSON: `inputs` is required")
        if (inputs.length > 100)
          return badRequest(`Batch input limit exceeded: ${inputs.length} inputs, the limit is 100.`)
        const pairs = inputs.map((i) => ({ fromId: String(i.from?.id ?? ""), toId: String(i.to?.id ?? "") }))
        const missing = pairs.find(
          (p) => !state.objects[fromType]?.has(p.fromId) || !state.objects[toType]?.has(p.toId),
        )
        if (missing !== undefined) {
          return badRequest(`${fromType} ${missing.fromId} or ${toType} ${missing.toId} does not exist`)
        }
        for (const p of pairs) associate(state, { fromType, fromId: p.fromId, toType, toId: p.toId, typeId })
        const iso = new Date(now()).toISOString()
        return HttpResponse.json({
          status: "COMPLETE",
          results: pairs.map((p) => ({
            from: { id: p.fromId },
            to: { id: p.toId },
            associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId },
          })),
          startedAt: iso,
          completedAt: iso,
        })
      }),
    ),
  ]

  return {
    connector: "hubspot",
    handlers,
    state,
    reset: () => Object.assign(state, seedState(options.seed ?? true)),
  }
}

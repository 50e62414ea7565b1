/**
 * An offline Akeneo PIM (REST API v1 as in 7.0/SaaS): the OAuth token endpoint, products and
 * product models with `search_after` paging and `search` filters, categories, family variants,
 * attributes, channels, media files, and the NDJSON PATCH list of products, over Alpenglow
 * Outfitters' catalog (`../fixtures/catalog.ts`). Answers 401 without a live token and 429
 * past 100 requests per second (unless `rateLimits: false`).
 *
 * @example
 * const sandbox = akeneoSandbox({ rateLimits: false })
 * const server = setupServer(...sandbox.handlers)
 */
import { HttpResponse, http } from "msw"
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { PUBLISHED_REQUESTS_PER_SECOND } from "../config.ts"
import { tokenRequest, unauthenticated } from "./auth.ts"
import { akeneoError, notFound } from "./errors.ts"
import { listPage } from "./listing.ts"
import { patchProducts } from "./patch.ts"
import { REST, renderModel, renderOptions, renderProduct } from "./render.ts"
import { equalsFilter, inFilter, parseSearch, propertyOf, updatedFilter } from "./search.ts"
import { type AkeneoSandboxState, freshState, SANDBOX_CLIENT, type SandboxClient } from "./state.ts"
import { throttle } from "./throttle.ts"

export type { AkeneoSandboxState } from "./state.ts"
export { SANDBOX_CLIENT } from "./state.ts"

/** Akeneo sandbox options on top of every sandbox's. */
export interface AkeneoSandboxOptions extends SandboxOptions {
  /** The API connections it accepts; default `SANDBOX_CLIENT`. */
  readonly clients?: ReadonlyArray<SandboxClient>
  /** Requests per second before 429 (default Akeneo's published 100). */
  readonly requestsPerSecond?: number
}

const PRODUCT_FILTERS = {
  updated: updatedFilter(),
  identifier: { ...inFilter("identifier"), ...equalsFilter("identifier") },
  parent: { ...inFilter("parent"), ...equalsFilter("parent") },
  enabled: equalsFilter("enabled"),
  categories: {
    IN: (record: object, value: unknown) => {
      const categories: unknown = propertyOf(record, "categories")
      return Array.isArray(categories) && Array.isArray(value) && value.some((c) => categories.includes(c))
    },
  },
}
const MODEL_FILTERS = { updated: updatedFilter(), parent: equalsFilter("parent") }
const CATEGORY_FILTERS = { updated: updatedFilter(), code: inFilter("code"), parent: equalsFilter("parent") }

/** A tiny JPEG, what the media download answers with. */
const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex")

export const akeneoSandbox = (options: AkeneoSandboxOptions = {}): Sandbox<AkeneoSandboxState> => {
  const clients = options.clients ?? [SANDBOX_CLIENT]
  const state = freshState(options.seed ?? true, clients)
  const limiter =
    options.rateLimits === false ? undefined : throttle(options.requestsPerSecond ?? PUBLISHED_REQUESTS_PER_SECOND)

  /** Logging, throttling and auth in front of every REST call; undefined lets the handler answer. */
  const gate = (request: Request, authenticated = true): Response | undefined => {
    const url = new URL(request.url)
    state.requests.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      contentType: request.headers.get("content-type"),
    })
    const wait = limiter?.admit(Date.now())
    if (wait !== undefined) {
      state.throttled++
      return akeneoError(429, "Too Many Requests", { "Retry-After": String(wait) })
    }
    return authenticated ? unauthenticated(state, request) : undefined
  }

  const searchOf = (request: Request, spec: Parameters<typeof parseSearch>[1]) =>
    parseSearch(new URL(request.url).searchParams.get("search"), spec)

  const scopeProblem = (request: Request): Response | undefined => {
    const scope = new URL(request.url).searchParams.get("scope")
    return scope !== null && !state.channels.has(scope)
      ? akeneoError(422, `Scope "${scope}" does not exist.`)
      : undefined
  }

  const handlers = [
    http.post("*/api/oauth/v1/token", async ({ request }) => gate(request, false) ?? tokenRequest(state, request)),

    http.get(
      `*${REST}/system-information`,
      ({ request }) => gate(request, false) ?? HttpResponse.json({ version: "20261120103000", edition: "Serenity" }),
    ),

    http.get(`*${REST}/channels/:code`, ({ request, params }) => {
      const refused = gate(request)
      if (refused) return refused
      const channel = state.channels.get(String(params.code))
      return channel ? HttpResponse.json(channel) : notFound(String(params.code))
    }),

    http.get(`*${REST}/categories`, ({ request }) => {
      const refused = gate(request)
      if (refused) return refused
      const search = searchOf(request, CATEGORY_FILTERS)
      if (!search.ok) return akeneoError(search.status, search.message)
      const withPosition = new URL(request.url).searchParams.get("with_position") === "true"
      const all = [...state.categories.values()]
      const positionOf = (code: string, parent: string | null) =>
        all.filter((c) => c.parent === parent).findIndex((c) => c.code === code) + 1
      return listPage(
        request,
        all.filter((c) => search.matches(c)),
        (c) => c.code,
        (c) => ({
          _links: { self: { href: `${new URL(request.url).origin}${REST}/categories/${c.code}` } },
          code: c.code,
          parent: c.parent,
          updated: c.updated,
          labels: c.labels,
          ...(withPosition ? { position: positionOf(c.code, c.parent) } : {}),
        }),
        { searchAfter: false },
      )
    }),

    http.get(`*${REST}/families/:family/variants/:code`, ({ request, params }) => {
      const refused = gate(request)
      if (refused) return refused
      const variant = state.familyVariants.get(`${String(params.family)}/${String(params.code)}`)
      if (!variant) return notFound(String(params.code))
      const { family: _family, ...body } = variant
      return HttpResponse.json(body)
    }),

    http.get(`*${REST}/attributes/:code`, ({ request, params }) => {
      const refused = gate(request)
      if (refused) return refused
      const attribute = state.attributes.get(String(params.code))
      return attribute ? HttpResponse.json(attribute) : notFound(String(params.code))
    }),

    http.get(`*${REST}/product-models`, ({ request }) => {
      const refused = gate(request) ?? scopeProblem(request)
      if (refused) return refused
      const search = searchOf(request, MODEL_FILTERS)
      if (!search.ok) return akeneoError(search.status, search.message)
      const rendering = renderOptions(request)
      const models = [...state.models.values()]
        .filter((m) => search.matches(m))
        .sort((a, b) => (a.code < b.code ? -1 : 1))
      return listPage(
        request,
        models,
        (m) => m.code,
        (m) => renderModel(state, m, rendering),
        { searchAfter: true },
      )
    }),

    http.get(`*${REST}/product-models/:code`, ({ request, params }) => {
      const refused = gate(request) ?? scopeProblem(request)
      if (refused) return refused
      const model = state.models.get(String(params.code))
      return model
        ? HttpResponse.json(renderModel(state, model, renderOptions(request)))
        : notFound(String(params.code))
    }),

    http.get(`*${REST}/products`, ({ request }) => {
      const refused = gate(request) ?? scopeProblem(request)
      if (refused) return refused
      const search = searchOf(request, PRODUCT_FILTERS)
      if (!search.ok) return akeneoError(search.status, search.message)
      const rendering = renderOptions(request)
      const products = [...state.products.values()]
        .filter((p) => search.matches(p))
        .sort((a, b) => (a.identifier < b.identifier ? -1 : 1))
      return listPage(
        request,
        products,
        (p) => p.identifier,
        (p) => renderProduct(state, p, rendering),
        {
          searchAfter: true,
        },
      )
    }),

    http.get(`*${REST}/products/:code`, ({ request, params }) => {
      const refused = gate(request) ?? scopeProblem(request)
      if (refused) return refused
      const product = state.products.get(String(params.code))
      return product
        ? HttpResponse.json(renderProduct(state, product, renderOptions(request)))
        : notFound(String(params.code))
    }),

    http.patch(`*${REST}/products`, async ({ request }) => gate(request) ?? patchProducts(state, request)),

    http.get(`*${REST}/media-files/*`, ({ request }) => {
      const refused = gate(request)
      if (refused) return refused
      const path = decodeURIComponent(new URL(request.url).pathname.split(`${REST}/media-files/`)[1] ?? "")
      const download = path.endsWith("/download")
      const code = download ? path.slice(0, -"/download".length) : path
      const file = state.mediaFiles.get(code)
      if (!file) return notFound(code)
      if (download) return new HttpResponse(JPEG, { headers: { "Content-Type": file.mime_type } })
      return HttpResponse.json({
        _links: { download: { href: `${new URL(request.url).origin}${REST}/media-files/${code}/download` } },
        ...file,
      })
    }),
  ]

  return {
    connector: "akeneo",
    handlers,
    state,
    reset: () => {
      const fresh = freshState(options.seed ?? true, clients)
      for (const key of ["categories", "mediaFiles", "models", "products", "tokens"] as const) {
        const target: Map<string, unknown> = state[key]
        target.clear()
        for (const [k, value] of fresh[key]) target.set(k, value)
      }
      state.requests.length = 0
      state.grants.length = 0
      state.throttled = 0
      state.tokenLifetimeSeconds = fresh.tokenLifetimeSeconds
      state.now = fresh.now
    },
  }
}

/**
 * A tiny but honest fake vendor for engine tests: an in-memory "catalog" of items served over
 * HTTP through msw, a connector for it declared with the real SDK, and its product mapping.
 *
 * The vendor behaves like a typical REST API: bearer auth (401 without), incremental reads
 * ordered by (updated_at, id) with an `after_id` tie-breaker and offset paging, a batch upsert of
 * at most 50 items that answers per-item errors, and a lookup by SKU. Like many vendors it does
 * not enforce unique SKUs: creating an item twice makes a duplicate, which is what the engine's
 * link-before-create must prevent.
 */
import { Effect, ParseResult, Redacted, Schema } from "effect"
import { HttpResponse, http, type RequestHandler } from "msw"
import {
  type ConnectorError,
  defineConnector,
  defineSink,
  defineStream,
  RecordRejected,
  type Sandbox,
  systemFactory,
  VendorResponseError,
  type WriteOutcome,
} from "../../core/connector/index.ts"
import { bearerToken, offsetPages } from "../../core/http/index.ts"
import { defineMapping, type EntityMapping, MappingContext, type SystemMappings } from "../../core/mapping/index.ts"
import { Product, pickLocale, toInstant } from "../../core/model/index.ts"

// ---------------------------------------------------------------------------------------------
// The vendor
// ---------------------------------------------------------------------------------------------

/** An item as the vendor stores and returns it. Ids are numbers, so `9` sorts before `10`. */
export interface Item {
  id: number
  sku: string
  title: string
  price: number
  updated_at: string
}

/** What the batch endpoint accepts per item: no `id` creates, an `id` updates. */
export interface ItemInput {
  readonly id?: number
  readonly sku: string
  readonly title: string
  readonly price: number
}

export interface MemoryVendorOptions {
  /** Origin the handlers answer on; `*` (default) answers any, as sandboxes do. */
  readonly origin?: string
  readonly token?: string
  /**
   * false: the vendor ignores `after_id` and `updated_since` is inclusive (`>=`), as many
   * vendors' filters are; the engine must then drop what its cursor has already seen.
   */
  readonly tieBreaker?: boolean
}

export interface MemoryVendor extends Sandbox<Map<number, Item>> {
  readonly baseUrl: string
  /** The token the vendor accepts; tests may rotate it. */
  token: string
  /** Every request the vendor answered: method, path and query. */
  readonly requests: Array<{ readonly method: string; readonly path: string; readonly query: URLSearchParams }>
  /** Every item sent to `POST /items/batch`, in order. */
  readonly written: ItemInput[]
  /** Adds (or replaces, by id) items; `id` defaults to the next free one. */
  readonly put: (...items: ReadonlyArray<Omit<Item, "id"> & { readonly id?: number }>) => Item[]
  /** Changes an item as a vendor user would: the changes plus a new `updated_at`. */
  readonly change: (id: number, changes: Partial<Omit<Item, "id">>) => Item
  readonly bySku: (sku: string) => Item[]
  /** The next `times` requests matching `route` get `answer` instead (after auth); replaces what is left of an earlier one. */
  readonly failNext: (
    route: "GET /items" | "GET /items/lookup" | "POST /items/batch",
    times: number,
    answer: (request: Request) => Response | Promise<Response>,
  ) => void
  /** `POST /items/batch` calls so far. */
  readonly batchCalls: () => number
}

export const MAX_BATCH = 50
export const MAX_PAGE = 100

const byPosition = (a: Item, b: Item) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id

const validate = (input: Partial<ItemInput>): { field: string; message: string } | undefined => {
  if (typeof input.sku !== "string" || input.sku.trim() === "") return { field: "sku", message: "sku is required" }
  if (typeof input.title !== "string" || input.title === "") return { field: "title", message: "title is required" }
  if (typeof input.price !== "number" || !Number.isFinite(input.price))
    return { field: "price", message: "price must be a number" }
  if (input.price < 0) return { field: "price", message: "price must not be negative" }
  return undefined
}

export const memoryVendor = (options: MemoryVendorOptions = {}): MemoryVendor => {
  const origin = options.origin ?? "*"
  const items = new Map<number, Item>()
  const requests: MemoryVendor["requests"] = []
  const written: ItemInput[] = []
  const failures: Array<{ route: string; times: number; answer: (request: Request) => Response | Promise<Response> }> =
    []
  let nextId = 1
  let batchCalls = 0
  // The vendor's clock: never the same millisecond twice, so a change is always after what was read.
  let lastStamp = 0
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1)
    return new Date(lastStamp).toISOString()
  }

  const vendor: MemoryVendor = {
    connector: "memory",
    baseUrl: origin === "*" ? "http://127.0.0.1" : origin,
    token: options.token ?? "memory-token",
    state: items,
    requests,
    written,
    reset: () => {
      vendor.token = options.token ?? "memory-token"
      items.clear()
      requests.length = 0
      written.length = 0
      failures.length = 0
      nextId = 1
      batchCalls = 0
    },
    put: (...news) =>
      news.map((item) => {
        const id = item.id ?? nextId
        nextId = Math.max(nextId, id + 1)
        const stored = { ...item, id }
        items.set(id, stored)
        return stored
      }),
    change: (id, changes) => {
      const item = items.get(id)
      if (!item) throw new Error(`memory vendor has no item ${id}`)
      Object.assign(item, { updated_at: stamp() }, changes)
      return item
    },
    bySku: (sku) => [...items.values()].filter((i) => i.sku === sku),
    failNext: (route, times, answer) => {
      for (const pending of failures) if (pending.route === route) pending.times = 0
      failures.push({ route, times, answer })
    },
    batchCalls: () => batchCalls,
    handlers: [],
  }

  /** Logs the request, checks the token and answers any injected failure; undefined means go on. */
  const gate = (route: string, request: Request): Response | Promise<Response> | undefined => {
    const url = new URL(request.url)
    requests.push({ method: request.method, path: url.pathname, query: url.searchParams })
    const presented = request.headers.get("authorization")
    if (presented !== `Bearer ${vendor.token}`) {
      // A careless vendor echoes what it was sent: the engine must redact it.
      return HttpResponse.json(
        { error: "invalid_token", message: `not a valid credential: ${presented ?? "(none)"}` },
        { status: 401 },
      )
    }
    const failure = failures.find((f) => f.route === route && f.times > 0)
    if (failure) {
      failure.times--
      return failure.answer(request)
    }
    return undefined
  }

  const list = (query: URLSearchParams): Item[] => {
    const ids = query.get("ids")
    if (ids !== null) {
      const wanted = new Set(ids.split(",").map(Number))
      return [...items.values()].filter((i) => wanted.has(i.id)).sort(byPosition)
    }
    const since = query.get("updated_since")
    const afterId = Number(query.get("after_id") ?? "0")
    const sinceMs = since === null ? undefined : Date.parse(since)
    const limit = Math.min(Number(query.get("limit") ?? MAX_PAGE), MAX_PAGE)
    const offset = Number(query.get("offset") ?? "0")
    return [...items.values()]
      .filter((i) => {
        if (sinceMs === undefined) return true
        const at = Date.parse(i.updated_at)
        if (options.tieBreaker === false) return at >= sinceMs
        return at > sinceMs || (at === sinceMs && i.id > afterId)
      })
      .sort(byPosition)
      .slice(offset, offset + limit)
  }

  const upsert = (input: Partial<ItemInput>) => {
    const problem = validate(input)
    if (problem) return { sku: input.sku ?? null, ok: false, errors: [problem] }
    const { sku, title, price } = input as ItemInput
    const updated_at = stamp()
    if (input.id !== undefined) {
      const item = items.get(input.id)
      if (!item) return { sku, ok: false, errors: [{ field: "id", message: `no item ${input.id}` }] }
      Object.assign(item, { sku, title, price, updated_at })
      return { sku, ok: true, id: item.id, action: "updated" }
    }
    const [item] = vendor.put({ sku, title, price, updated_at })
    return { sku, ok: true, id: item?.id, action: "created" }
  }

  const handlers: RequestHandler[] = [
    http.get(`${origin}/items/lookup`, ({ request }) => {
      const early = gate("GET /items/lookup", request)
      if (early) return early
      const skus = new Set((new URL(request.url).searchParams.get("sku") ?? "").split(","))
      const found = [...items.values()].filter((i) => skus.has(i.sku)).sort((a, b) => a.id - b.id)
      return HttpResponse.json({ items: found.map(({ id, sku }) => ({ id, sku })) })
    }),
    http.get(`${origin}/items`, ({ request }) => {
      const early = gate("GET /items", request)
      if (early) return early
      return HttpResponse.json({ items: list(new URL(request.url).searchParams) })
    }),
    http.post(`${origin}/items/batch`, async ({ request }) => {
      const early = gate("POST /items/batch", request)
      if (early) return early
      batchCalls++
      const body = (await request.json()) as { items?: Array<Partial<ItemInput>> }
      const inputs = body.items ?? []
      if (inputs.length > MAX_BATCH) {
        return HttpResponse.json(
          { error: "batch_too_large", message: `at most ${MAX_BATCH} items per batch` },
          { status: 413 },
        )
      }
      written.push(...(inputs as ItemInput[]))
      return HttpResponse.json({ results: inputs.map(upsert) })
    }),
  ]
  return Object.assign(vendor, { handlers })
}

// ---------------------------------------------------------------------------------------------
// The connector
// ---------------------------------------------------------------------------------------------

const MemoryConfig = Schema.Struct({
  baseUrl: Schema.String.pipe(Schema.pattern(/^https?:\/\//, { message: () => "must be an http(s) URL" })),
  token: Schema.Redacted(Schema.String.pipe(Schema.minLength(8, { message: () => "must be at least 8 characters" }))),
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, MAX_PAGE)), { default: () => MAX_PAGE }),
})
type MemoryConfig = typeof MemoryConfig.Type

/** What the stream yields: the vendor's item as JSON, not yet trusted. */
type RawItem = { readonly id: number; readonly updated_at: string } & Readonly<Record<string, unknown>>

const itemsOf = (system: string, operation: string, body: unknown) => {
  const list = (body as { items?: unknown } | null)?.items
  return Array.isArray(list)
    ? Effect.succeed(list as RawItem[])
    : Effect.fail(new VendorResponseError({ system, operation, detail: "expected { items: [...] }", path: "$.items" }))
}

const items = defineStream<MemoryConfig, RawItem>({
  entity: "product",
  description: "Catalog items, incremental by (updated_at, id)",
  incremental: true,
  idOf: (raw) => String(raw.id),
  positionOf: (raw) => ({ at: toInstant(raw.updated_at), id: String(raw.id) }),
  read: ({ system, http, config }, { since, pageSize }) =>
    offsetPages({
      system,
      operation: "GET items",
      pageSize: Math.min(pageSize ?? config.pageSize, MAX_PAGE),
      fetch: (offset, limit) =>
        http
          .request({
            method: "GET",
            path: "items",
            query: { updated_since: since?.at, after_id: since?.id, limit, offset },
          })
          .pipe(Effect.flatMap((response) => itemsOf(system, "GET items", response.body))),
    }),
  readByIds: ({ system, http }, ids) =>
    http
      .request({ method: "GET", path: "items", query: { ids: ids.join(",") } })
      .pipe(Effect.flatMap((response) => itemsOf(system, "GET items?ids", response.body))),
})

interface BatchResult {
  readonly ok: boolean
  readonly id?: number
  readonly action?: "created" | "updated"
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly message: string }>
}

const itemSink = defineSink<MemoryConfig, ItemInput>({
  entity: "product",
  description: "Upserts catalog items, 50 per call",
  maxBatchSize: MAX_BATCH,
  operations: ["create", "update"],
  lookup: ({ http }, skus) =>
    http.request({ method: "GET", path: "items/lookup", query: { sku: skus.join(",") } }).pipe(
      Effect.map((response) => {
        const found = new Map<string, string>()
        for (const { id, sku } of (response.body as { items: Array<{ id: number; sku: string }> }).items) {
          if (!found.has(sku)) found.set(sku, String(id))
        }
        return found
      }),
    ),
  write: ({ system, http }, batch) =>
    Effect.gen(function* () {
      const body = {
        items: batch.map((item) =>
          item.externalId === undefined ? item.payload : { ...item.payload, id: Number(item.externalId) },
        ),
      }
      const response = yield* http.request({ method: "POST", path: "items/batch", body })
      const results = (response.body as { results?: ReadonlyArray<BatchResult> } | null)?.results
      if (!Array.isArray(results) || results.length !== batch.length) {
        return yield* new VendorResponseError({
          system,
          operation: "POST items/batch",
          detail: "expected one result per item",
          path: "$.results",
        })
      }
      return batch.map((item, index): WriteOutcome => {
        const result = results[index] as BatchResult
        if (result.ok && result.id !== undefined) {
          return {
            naturalKey: item.naturalKey,
            ok: true,
            externalId: String(result.id),
            action: result.action ?? "updated",
          }
        }
        const [error] = result.errors ?? []
        return {
          naturalKey: item.naturalKey,
          ok: false,
          error: new RecordRejected({
            system,
            entity: "product",
            recordKey: item.naturalKey,
            reason: error?.message ?? "rejected without a reason",
            ...(error ? { path: `$.${error.field}` } : {}),
          }),
        }
      })
    }) satisfies Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError>,
})

export const memoryConnector = defineConnector({
  name: "memory",
  displayName: "Memory catalog (tests)",
  category: "erp",
  apiVersion: "1",
  docsUrl: "https://example.invalid/memory",
  config: MemoryConfig,
  http: (config) => ({
    baseUrl: config.baseUrl,
    auth: bearerToken(Redacted.value(config.token)),
    // Retries happen at once: tests are about decisions, not timing.
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
  }),
  defaults: () => ({ locale: "en", currency: "EUR", channel: "memory", priceList: "default" }),
  check: ({ http }) =>
    http
      .request({ method: "GET", path: "items", query: { limit: 1 } })
      .pipe(Effect.as({ ok: true as const, detail: "memory catalog" })),
  streams: { items },
  sinks: { items: itemSink },
  sandboxPort: 0,
  sandbox: () => memoryVendor(),
})

/** `memory({ baseUrl, token: env("ERP_TOKEN") })` in a config's `systems`. */
export const memory = systemFactory(memoryConnector)

// ---------------------------------------------------------------------------------------------
// The mapping
// ---------------------------------------------------------------------------------------------

/** The vendor's item as the mapping trusts it. */
const VendorItem = Schema.Struct({
  id: Schema.Number,
  sku: Schema.String,
  title: Schema.String,
  price: Schema.Number,
  updated_at: Schema.String,
})

/** The vendor's write payload. */
const VendorItemInput = Schema.Struct({ sku: Schema.String, title: Schema.String, price: Schema.Number })

/** Item → product: one variant whose SKU is the item's; the price is kept as an attribute. */
const readItem = Schema.transformOrFail(VendorItem, Product, {
  strict: true,
  decode: (item, _, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      let updatedAt: string
      try {
        updatedAt = toInstant(item.updated_at)
      } catch (error) {
        return yield* Effect.fail(
          new ParseResult.Pointer("updated_at", item, new ParseResult.Type(ast, item.updated_at, String(error))),
        )
      }
      return {
        productNumber: item.sku,
        title: { [defaults.locale]: item.title },
        categories: [],
        media: [],
        status: "active" as const,
        attributes: { price: item.price },
        variants: [{ sku: item.sku, options: [], status: "active" as const }],
        updatedAt,
      }
    }),
  encode: (product, _, ast) =>
    ParseResult.fail(new ParseResult.Forbidden(ast, product, "the read mapping only decodes")),
})

/** Product → item input: the title in the system's locale and the price attribute. */
const writeItem = Schema.transformOrFail(VendorItemInput, Product, {
  strict: true,
  decode: (input, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, input, "the write mapping only encodes")),
  encode: (product, _, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const price = product.attributes.price
      if (typeof price !== "number") {
        return yield* Effect.fail(
          new ParseResult.Pointer(
            ["attributes", "price"],
            product,
            new ParseResult.Type(ast, price, "a price is required"),
          ),
        )
      }
      return { sku: product.productNumber, title: pickLocale(product.title, defaults.locale) ?? "", price }
    }),
})

export const memoryProductMapping = defineMapping({ entity: "product", read: readItem, write: writeItem })

/** The memory connector's mappings, by entity: what `buildApp` gets as `mappings.memory`. */
export const memoryMappings: SystemMappings = {
  product: memoryProductMapping as unknown as EntityMapping<"product", unknown, unknown>,
}

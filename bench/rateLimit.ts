/**
 * Rate-limit efficiency (issue 5 §4): the outbound sync of a catalogue into the real in-process
 * sandboxes of Shopify and HubSpot, each enforcing its vendor's limit, timed against the floor
 * that limit sets. Target: wall ≤ 1.15 × floor, fewer than 1% of requests throttled.
 *
 * What is real: `buildApp` with the Odoo, Shopify and HubSpot connectors, their mappings, the
 * engine and the SQLite state store on a temp file; the Shopify and HubSpot sandboxes served over
 * HTTP on 127.0.0.1 (OS-picked ports), with their throttles on. The ERP side is generated (as in
 * `bench/engine.ts`) and the inbound flow runs first, untimed: what is timed is the outbound flow,
 * the part that talks to the rate-limited vendor. Requests and throttle answers are counted by
 * the sandbox's server (`bench/sandboxTally.ts`), not by the client.
 *
 * The limits (published figures):
 * - Shopify GraphQL Admin, standard plan: 100 points/s restored
 *   (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits). The bucket size is not
 *   published there; the sandbox and the connector use 1000 (see `connectors/shopify/config.ts`).
 *   Costs are the sandbox's, computed on the real 2025-01 schema; `productSet` costs 50.
 * - HubSpot, Free/Starter private apps: 100 requests per rolling 10 s
 *   (https://developers.hubspot.com/apisbytier); batch endpoints take at most 100 inputs.
 *
 * The floors:
 * - Shopify: a bucket of B points restoring r points/s lets P points through no sooner than
 *   (P − B) / r, so floor = max(0, P_writes − B) / r with P_writes the points the sandbox charged
 *   for the mutations (what the work costs whatever the client does). The same with every point
 *   charged (the link-before-create lookups too) is reported beside it.
 * - HubSpot: N variants need R = ⌈N / 100⌉ batch upserts; with W = 100 requests per T = 10 s
 *   the k-th request (0-based) cannot go before ⌊k / W⌋ · T, so floor = ⌊(R − 1) / W⌋ · T.
 *
 * The workloads, and why they are not both "10,000 variants of 4-variant products":
 * - Shopify: 10,000 variants as 100 products of 100 variants (10 colours × 10 sizes; 100 is
 *   Shopify's historical per-product limit, 2,048 since October 2025:
 *   https://shopify.dev/changelog/the-product-variant-limit-is-now-2048-for-all-merchants). A
 *   `productSet` costs 50 points whatever the variant count, so 2,500 products of 4 variants
 *   would cost 125,000 points: a floor of 20 minutes.
 * - HubSpot: 10,000 variants are 100 upserts, all inside the first window: a floor of 0 s that no
 *   ratio can be taken against. The default is 100,000 variants (25,000 products of 4): 1,000
 *   upserts, a floor of 90 s.
 *
 *   npx tsx bench/rateLimit.ts [--vendors shopify,hubspot] [--shopify-variants 10000] [--hubspot-variants 100000]
 *                              [--latency-ms 0]   # held back per answer, as a real vendor's round trip
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Layer, Logger, LogLevel, Option, Stream } from "effect"
import { hubspot, hubspotSandbox } from "../connectors/hubspot/index.ts"
import { odoo } from "../connectors/odoo/index.ts"
import type { OdooProduct } from "../connectors/odoo/schemas/product.ts"
import { shopify, shopifySandbox } from "../connectors/shopify/index.ts"
import { defineConfig } from "../core/config/index.ts"
import type { Sandbox, StreamDefinition } from "../core/connector/index.ts"
import { buildApp } from "../core/runtime/app.ts"
import { openSqliteStateStore, type RunCounts, StateStore } from "../core/state/index.ts"
import { type Flow, type FlowResult, runFlows } from "../core/sync/index.ts"
import { defaultMappings } from "../mappings/index.ts"
import { type AnswerVerdict, type JudgeAnswer, type SandboxTally, serveTallying } from "./sandboxTally.ts"
import { argValue, atMost, type BenchSection, type Figure, fmt } from "./section.ts"

/** Wall time may be at most this multiple of the floor. */
const RATIO_TARGET = 1.15
/** Share of requests the vendor may answer with a throttle, in %. */
const THROTTLED_SHARE_TARGET = 1

/** Shopify standard plan: restore rate (published) and bucket size (the connector's assumption). */
const SHOPIFY_RESTORE_PER_SECOND = 100
const SHOPIFY_BUCKET = 1000
/** HubSpot Free/Starter: requests per rolling window, the window, the largest batch. */
const HUBSPOT_WINDOW_REQUESTS = 100
const HUBSPOT_WINDOW_MS = 10_000
const HUBSPOT_BATCH = 100

const ORIGIN_MS = Date.UTC(2026, 0, 1)
const PAGE_SIZE = 200

const odooDatetime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ")

/** Template `i` (1-based) with `variants` variants: up to 10 sizes, then as many colours as needed. */
const generatedProduct = (i: number, variants: number): OdooProduct => {
  const writeDate = odooDatetime(ORIGIN_MS + i * 1000)
  const name = `Trail Shell ${i}`
  const sizes = Math.min(variants, 10)
  return {
    id: i,
    name,
    default_code: false,
    description_sale: `Waterproof trail shell, style ${i}.`,
    categ_id: [1 + (i % 7), `All / Apparel / Line ${i % 7}`],
    type: "consu",
    sale_ok: true,
    active: true,
    weight_uom_name: "kg",
    write_date: writeDate,
    variants: Array.from({ length: variants }, (_, k) => {
      const colour = `C${Math.floor(k / sizes) + 1}`
      const size = `S${(k % sizes) + 1}`
      return {
        id: (i - 1) * variants + k + 1,
        product_tmpl_id: [i, name] as const,
        default_code: `TS-${i}-${colour}-${size}`,
        barcode: false as const,
        weight: 0.4,
        active: true,
        product_template_attribute_value_ids: [k + 1],
        write_date: writeDate,
        options: [
          { attribute: "Colour", value: colour },
          { attribute: "Size", value: size },
        ],
      }
    }),
    changed_at: writeDate,
  }
}

/** The ERP's products stream over `products` generated templates, a page at a time. */
const generatedProductsStream = (
  real: StreamDefinition<unknown, unknown>,
  products: number,
  variants: number,
): StreamDefinition<unknown, unknown> => ({
  ...real,
  read: (_ctx, options) =>
    Stream.unfold(1, (start) => {
      if (options.since !== undefined || start > products) return Option.none()
      const end = Math.min(products, start + (options.pageSize ?? PAGE_SIZE) - 1)
      const page: OdooProduct[] = []
      for (let i = start; i <= end; i++) page.push(generatedProduct(i, variants))
      return Option.some([page, end + 1] as const)
    }),
})

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Shopify answers 200 to everything; a throttle is `errors[].extensions.code = THROTTLED`. */
const judgeShopify: JudgeAnswer = (request, _status, body): AnswerVerdict => {
  const answer = parseJson(body)
  const sent = parseJson(request.body)
  const write = isRecord(sent) && typeof sent.query === "string" && /^\s*mutation\b/.test(sent.query)
  const errors = isRecord(answer) && Array.isArray(answer.errors) ? answer.errors : []
  const throttled = errors.some((e) => isRecord(e) && isRecord(e.extensions) && e.extensions.code === "THROTTLED")
  const cost = isRecord(answer) && isRecord(answer.extensions) ? answer.extensions.cost : undefined
  const points = isRecord(cost) && typeof cost.actualQueryCost === "number" ? cost.actualQueryCost : 0
  const status = isRecord(cost) && isRecord(cost.throttleStatus) ? cost.throttleStatus.currentlyAvailable : undefined
  return { throttled, points, write, ...(typeof status === "number" ? { availableAfter: status } : {}) }
}

const judgeHubspot: JudgeAnswer = (request, status) => ({
  throttled: status === 429,
  write: /\/batch\/(upsert|create|update)\b/.test(request.path),
})

/** One vendor's run: the wall time, what the sandbox saw, and the floor against it. */
export interface VendorRun {
  readonly vendor: "shopify" | "hubspot"
  readonly variants: number
  readonly products: number
  readonly variantsPerProduct: number
  /** What the sandbox's server added to every answer (`--latency-ms`, default 0). */
  readonly latencyMs: number
  /** The outbound flow, first request to last answer, in ms. */
  readonly wallMs: number
  readonly floorMs: number
  readonly ratio: number
  readonly requests: number
  readonly throttled: number
  readonly throttledShare: number
  readonly writes: number
  /** Shopify: points the sandbox charged, all of them and the mutations'. */
  readonly points?: number
  readonly writePoints?: number
  /**
   * The floor of everything the engine sent, lookups included (Shopify: every charged point;
   * HubSpot: every request the window counted): how close the pacing itself came to the limit.
   */
  readonly floorSentMs: number
  /** Time the inbound flow took to fill the hub (untimed part). */
  readonly inboundMs: number
  readonly outbound: RunCounts
  /** The client limiter's own count of waits. */
  readonly limiterWaits: number
  readonly limiterWaitedMs: number
  readonly formula: string
  /** Where the time above the floor went (see `timeAboveFloor`). */
  readonly breakdown: Readonly<Record<string, number>>
}

interface VendorSetup {
  readonly vendor: VendorRun["vendor"]
  readonly sandbox: Sandbox
  readonly judge: JudgeAnswer
  readonly target: (url: string) => ReturnType<typeof shopify> | ReturnType<typeof hubspot>
  readonly floor: (
    tally: SandboxTally,
    variants: number,
  ) => { floorMs: number; floorSentMs: number; formula: string; extra?: object }
}

export const shopifySetup = (): VendorSetup => ({
  vendor: "shopify",
  sandbox: shopifySandbox({
    seed: false,
    throttle: { maximumAvailable: SHOPIFY_BUCKET, restoreRate: SHOPIFY_RESTORE_PER_SECOND },
  }),
  judge: judgeShopify,
  target: (url) => shopify({ shop: "bench", baseUrl: url, accessToken: "shpat_bench", plan: "standard" }),
  floor: (tally) => {
    const floorOf = (points: number) => (Math.max(0, points - SHOPIFY_BUCKET) / SHOPIFY_RESTORE_PER_SECOND) * 1000
    return {
      floorMs: floorOf(tally.writePoints),
      formula: `max(0, ${fmt(tally.writePoints)} mutation points − ${SHOPIFY_BUCKET} bucket) / ${SHOPIFY_RESTORE_PER_SECOND} points/s`,
      floorSentMs: floorOf(tally.points),
      extra: { points: tally.points, writePoints: tally.writePoints },
    }
  },
})

export const hubspotSetup = (): VendorSetup => ({
  vendor: "hubspot",
  sandbox: hubspotSandbox({ seed: false, requestsPerTenSeconds: HUBSPOT_WINDOW_REQUESTS }),
  judge: judgeHubspot,
  target: (url) => hubspot({ baseUrl: url, accessToken: "pat-eu1-bench", tier: "starter" }),
  floor: (tally, variants) => {
    const floorOf = (requests: number) =>
      Math.floor(Math.max(0, requests - 1) / HUBSPOT_WINDOW_REQUESTS) * HUBSPOT_WINDOW_MS
    return {
      floorMs: floorOf(Math.ceil(variants / HUBSPOT_BATCH)),
      floorSentMs: floorOf(tally.requests - tally.throttled),
      formula: `⌊(⌈${fmt(variants)} / ${HUBSPOT_BATCH}⌉ − 1) / ${HUBSPOT_WINDOW_REQUESTS}⌋ × ${HUBSPOT_WINDOW_MS / 1000} s`,
    }
  },
})

/**
 * Where the time between the floor and the wall went, from the sandbox's log: before the first
 * request, after the last one arrived, the sandbox's own time, and (for a bucket) the points
 * restored into a full bucket and lost, which the floor assumes were never lost.
 */
const timeAboveFloor = (tally: SandboxTally, started: number, ended: number, bucket: boolean) => {
  const breakdown: Record<string, number> = {
    beforeFirstRequestMs: (tally.firstAt ?? started) - started,
    afterLastArrivalMs: ended - (tally.lastAt ?? ended),
    sandboxMs: tally.log.reduce((sum, r) => sum + r.serverMs, 0),
  }
  if (bucket) {
    let available = SHOPIFY_BUCKET
    let at = started
    let lostPoints = 0
    for (const request of tally.log) {
      const restored = ((request.at - at) / 1000) * SHOPIFY_RESTORE_PER_SECOND
      lostPoints += Math.max(0, available + restored - SHOPIFY_BUCKET)
      available = Math.min(SHOPIFY_BUCKET, available + restored) - (request.throttled ? 0 : (request.points ?? 0))
      at = request.at
    }
    breakdown.fullBucketMs = (lostPoints / SHOPIFY_RESTORE_PER_SECOND) * 1000
    const lastWrite = tally.log.findLast((r) => r.write === true)
    breakdown.leftInBucketAtLastWriteMs = ((lastWrite?.availableAfter ?? 0) / SHOPIFY_RESTORE_PER_SECOND) * 1000
  } else {
    // A request reuses the slot of the one W before it, so the last request ends a chain of
    // requests W apart: its wall time is where the chain started plus T per hop plus whatever
    // each hop took beyond T (the round trip the limiter waits for, the engine not being ready).
    const counted = tally.log.filter((r) => !r.throttled)
    let k = counted.length - 1
    let hopsOverMs = 0
    while (k - HUBSPOT_WINDOW_REQUESTS >= 0) {
      const at = counted[k]?.at ?? 0
      const before = counted[k - HUBSPOT_WINDOW_REQUESTS]?.at ?? 0
      hopsOverMs += at - before - HUBSPOT_WINDOW_MS
      k -= HUBSPOT_WINDOW_REQUESTS
    }
    breakdown.chainStartMs = (counted[k]?.at ?? started) - started
    breakdown.hopsOverWindowMs = hopsOverMs
  }
  return Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, Math.round(v)]))
}

const succeeded = (results: ReadonlyArray<FlowResult>): FlowResult => {
  for (const r of results) if (r.status !== "succeeded") throw new Error(`${r.flow} ${r.status}: ${r.error ?? ""}`)
  const [result] = results
  if (result === undefined) throw new Error("expected a flow result")
  return result
}

/** Syncs `variants` variants into one vendor's sandbox and measures the outbound flow. */
export async function benchVendor(
  setup: VendorSetup,
  options: { readonly variants: number; readonly variantsPerProduct: number; readonly latencyMs?: number },
): Promise<VendorRun> {
  const products = Math.ceil(options.variants / options.variantsPerProduct)
  const variants = products * options.variantsPerProduct
  const served = await serveTallying(setup.sandbox, setup.judge, { latencyMs: options.latencyMs ?? 0 })
  const dir = mkdtempSync(join(tmpdir(), "esl-bench-ratelimit-"))
  const store = openSqliteStateStore(join(dir, "state.db"))
  try {
    const config = defineConfig({
      systems: {
        erp: odoo({ baseUrl: "http://erp.invalid", apiKey: "bench", database: "bench" }),
        target: setup.target(served.url),
      },
      ownership: { product: { "*": "erp" } },
      flows: {
        "erp-products": { from: "erp", stream: "products", pageSize: PAGE_SIZE },
        "target-products": { to: "target", sink: "products" },
      },
    })
    const app = await Effect.runPromise(buildApp(config, { mappings: defaultMappings, environment: {} }))
    const inbound: Flow[] = []
    const outbound: Flow[] = []
    for (const flow of app.flows) {
      if (flow.kind === "inbound")
        inbound.push({ ...flow, stream: generatedProductsStream(flow.stream, products, options.variantsPerProduct) })
      else outbound.push(flow)
    }
    const run = (flows: ReadonlyArray<Flow>) =>
      Effect.runPromise(
        runFlows(flows).pipe(
          Effect.provide(Layer.succeed(StateStore, store)),
          // Throttle retries log warnings; the sandbox counts them instead.
          Logger.withMinimumLogLevel(LogLevel.Error),
        ),
      )
    const inboundStarted = performance.now()
    succeeded(await run(inbound))
    const inboundMs = performance.now() - inboundStarted
    const started = performance.now()
    const result = succeeded(await run(outbound))
    const ended = performance.now()
    const wallMs = ended - started
    if (result.counts.failed > 0) throw new Error(`${setup.vendor}: ${result.counts.failed} products failed`)
    const limiter = app.systems.get("target")?.context.http.limiter.stats() ?? { waits: 0, waitedMs: 0 }
    const { tally } = served
    const { floorMs, floorSentMs, formula, extra } = setup.floor(tally, variants)
    return {
      vendor: setup.vendor,
      variants,
      products,
      variantsPerProduct: options.variantsPerProduct,
      latencyMs: options.latencyMs ?? 0,
      wallMs: Math.round(wallMs),
      floorMs: Math.round(floorMs),
      floorSentMs: Math.round(floorSentMs),
      ratio: floorMs > 0 ? wallMs / floorMs : Number.POSITIVE_INFINITY,
      requests: tally.requests,
      throttled: tally.throttled,
      throttledShare: tally.requests > 0 ? (tally.throttled / tally.requests) * 100 : 0,
      writes: tally.writes,
      ...extra,
      inboundMs: Math.round(inboundMs),
      outbound: result.counts,
      limiterWaits: limiter.waits,
      limiterWaitedMs: Math.round(limiter.waitedMs),
      formula,
      breakdown: timeAboveFloor(tally, started, ended, setup.vendor === "shopify"),
    }
  } finally {
    Effect.runSync(Effect.ignore(store.close()))
    await served.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The vendors this section measures, with their default workloads. */
export const VENDORS = {
  shopify: { setup: shopifySetup, variants: 10_000, variantsPerProduct: 100, flag: "--shopify-variants" },
  hubspot: { setup: hubspotSetup, variants: 100_000, variantsPerProduct: 4, flag: "--hubspot-variants" },
} as const
type VendorName = keyof typeof VENDORS

const figuresOf = (r: VendorRun): Figure[] => {
  const section = "ratelimit"
  const throttleWord = r.vendor === "shopify" ? "THROTTLED" : "429"
  const label = `${r.vendor} ${fmt(r.variants)} variants`
  return [
    { section, name: `${label}: wall`, value: r.wallMs / 1000, unit: "s" },
    { section, name: `${label}: floor`, value: r.floorMs / 1000, unit: "s" },
    { section, name: `${label}: wall / floor of all requests sent`, value: r.wallMs / r.floorSentMs, unit: "×" },
    {
      section,
      name: `${label}: wall / floor`,
      value: r.ratio,
      unit: "×",
      target: `≤ ${RATIO_TARGET}×`,
      ...atMost(r.ratio, RATIO_TARGET, "×"),
    },
    {
      section,
      name: `${label}: ${throttleWord} answers`,
      value: r.throttledShare,
      unit: `% (${fmt(r.throttled)} of ${fmt(r.requests)} requests)`,
      target: `< ${THROTTLED_SHARE_TARGET}%`,
      ...(r.throttledShare < THROTTLED_SHARE_TARGET
        ? { pass: true }
        : { pass: false, miss: `${fmt(r.throttledShare - THROTTLED_SHARE_TARGET, 2)} pts over` }),
    },
  ]
}

const seconds = (ms: number | undefined) => `${fmt((ms ?? 0) / 1000, 1)} s`

/** The floor's formula, and where the time above it went. */
const notesOf = (r: VendorRun): string => {
  const b = r.breakdown
  if (r.vendor === "shopify") {
    const lookupPoints = (r.points ?? 0) - (r.writePoints ?? 0)
    return `ratelimit shopify: floor = ${r.formula}; above it: ${seconds(r.floorSentMs - r.floorMs)} for ${fmt(lookupPoints)} points of lookups, ${seconds(b.fullBucketMs)} of restore lost to a full bucket, ${seconds(b.leftInBucketAtLastWriteMs)} left in the bucket at the last mutation, ${seconds(b.afterLastArrivalMs)} after it`
  }
  const lookups = r.requests - r.throttled - r.writes
  return `ratelimit hubspot: floor = ${r.formula}; above it: ${seconds(r.floorSentMs - r.floorMs)} for ${fmt(lookups)} lookup requests beside the ${fmt(r.writes)} upserts, ${seconds(b.chainStartMs)} to send the first window, ${seconds(b.hopsOverWindowMs)} of window hops beyond 10 s`
}

const parseVendors = (argv: ReadonlyArray<string>): ReadonlyArray<VendorName> => {
  const raw = argValue(argv, "--vendors")
  if (raw === undefined) return ["shopify", "hubspot"]
  const names = raw.split(",").map((s) => s.trim())
  for (const name of names) if (!(name in VENDORS)) throw new Error(`--vendors takes shopify,hubspot, not "${name}"`)
  return names as ReadonlyArray<VendorName>
}

const variantsArg = (argv: ReadonlyArray<string>, flag: string, fallback: number): number => {
  const raw = argValue(argv, flag)
  const n = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} takes a positive integer, not "${raw}"`)
  return n
}

const latencyArg = (argv: ReadonlyArray<string>): number => {
  const raw = argValue(argv, "--latency-ms")
  const ms = raw === undefined ? 0 : Number(raw)
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`--latency-ms takes a number of milliseconds ≥ 0, not "${raw}"`)
  return ms
}

/** The benchmark section `bench/run.ts` runs as `ratelimit`. */
export const rateLimitSection: BenchSection = {
  name: "ratelimit",
  describe:
    "outbound sync into the Shopify (100 points/s) and HubSpot (100 requests/10 s) sandboxes: wall time vs the limit's floor, share of throttled requests",
  run: async ({ argv }) => {
    const runs: VendorRun[] = []
    const latencyMs = latencyArg(argv)
    for (const name of parseVendors(argv)) {
      const vendor = VENDORS[name]
      const variants = variantsArg(argv, vendor.flag, vendor.variants)
      console.error(`ratelimit: ${name}, ${fmt(variants)} variants…`)
      runs.push(
        await benchVendor(vendor.setup(), { variants, variantsPerProduct: vendor.variantsPerProduct, latencyMs }),
      )
    }
    return {
      figures: runs.flatMap(figuresOf),
      result: { targets: { ratio: RATIO_TARGET, throttledSharePercent: THROTTLED_SHARE_TARGET }, runs },
      notes: runs.map(notesOf),
    }
  },
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = await rateLimitSection.run({ argv: process.argv.slice(2) })
  for (const f of outcome.figures) {
    const verdict = f.pass === undefined ? "" : f.pass ? "  pass" : `  MISS: ${f.miss ?? ""}`
    console.log(
      `${f.name}: ${fmt(f.value, 2)} ${f.unit}${f.target === undefined ? "" : `  (target ${f.target})`}${verdict}`,
    )
  }
  for (const note of outcome.notes ?? []) console.log(`note: ${note}`)
  console.log(JSON.stringify(outcome.result, null, 2))
}

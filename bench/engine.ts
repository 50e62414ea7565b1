/**
 * Engine benchmark: a full sync of N variants ERP (Odoo) → hub → shop (Shopify) in-process with
 * zero network latency, then the same sync again with nothing changed (the incremental no-op).
 *
 * What is real: `buildApp` with the Odoo and Shopify connectors, their mappings, the engine
 * (`runFlows` → `runInboundFlow` / `runOutboundFlow`) and the SQLite state store on a temp file
 * (the embedded default). What stands in for the vendors, so that neither side holds the data set:
 * the ERP's `products` stream generates Odoo-shaped templates page by page from the cursor on
 * (honouring `since` as Odoo's `write_date >=` filter does), and the shop's `products` sink
 * validates each `productSet` input against the connector's schema and counts it.
 *
 *   npx tsx bench/engine.ts --variants 100000          # prints a summary and the JSON result
 */
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Layer, Logger, LogLevel, Option, Stream } from "effect"
import { odoo } from "../connectors/odoo/index.ts"
import type { OdooProduct } from "../connectors/odoo/schemas/product.ts"
import { shopify } from "../connectors/shopify/index.ts"
import { ProductSetPayload } from "../connectors/shopify/schemas/productSet.ts"
import { defineConfig } from "../core/config/index.ts"
import type { SinkDefinition, StreamDefinition, WriteOutcome } from "../core/connector/index.ts"
import { fullCheck } from "../core/mapping/schemaCheck.ts"
import { buildApp } from "../core/runtime/app.ts"
import { openSqliteStateStore, type RunCounts, StateStore } from "../core/state/index.ts"
import { type Flow, type FlowResult, runFlows } from "../core/sync/index.ts"
import { defaultMappings } from "../mappings/index.ts"
import { collectGarbage } from "./collectGarbage.ts"

/** Variants per generated product template (sizes S, M, L, XL). */
export const VARIANTS_PER_PRODUCT = 4
const SIZES = ["S", "M", "L", "XL"] as const
/** Odoo's default search_read page for the products stream; the outbound page is the engine's default. */
export const PAGE_SIZE = 200
/** The generated catalogue's clock: template i was last written ORIGIN + i seconds. */
const ORIGIN_MS = Date.UTC(2026, 0, 1)

export interface SyncRunFigures {
  readonly ms: number
  /** Hub + shop writes: records created or updated by the inbound and outbound flows. */
  readonly writes: number
  readonly inbound: RunCounts
  readonly outbound: RunCounts
}

export interface EngineBenchResult {
  readonly variants: number
  readonly products: number
  readonly full: SyncRunFigures & { readonly variantsPerSecond: number; readonly productsPerSecond: number }
  readonly noop: SyncRunFigures & { readonly ratioToFull: number }
  /** `process.resourceUsage().maxRSS` at the end, in MiB: the whole process, both runs. */
  readonly peakRssMiB: number
  /** Peaks sampled once per ERP page: the JS heap (used, reserved) and memory outside it. */
  readonly peakHeapUsedMiB: number
  readonly peakHeapTotalMiB: number
  readonly peakExternalMiB: number
  /**
   * The JS heap still in use after a full garbage collection: once the app is built (before the
   * first sync) and once both syncs are done. Streaming keeps the second at the first, whatever
   * the size; the peaks above are garbage V8 let pile up between collections.
   */
  readonly liveHeapBeforeMiB: number
  readonly liveHeapAfterMiB: number
  readonly stateFileMiB: number
  /** Calls the shop sink received (each a batch); items it validated. */
  readonly shopCalls: number
  readonly shopItems: number
}

const odooDatetime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ")

/** Template `i` (1-based) as the Odoo connector's products stream yields it. */
export const generatedProduct = (i: number): OdooProduct => {
  const writeDate = odooDatetime(ORIGIN_MS + i * 1000)
  const name = `Merino Crew ${i}`
  return {
    id: i,
    name,
    default_code: false,
    description_sale: `Soft merino crew neck, style ${i}.`,
    categ_id: [1 + (i % 7), `All / Apparel / Line ${i % 7}`],
    type: "consu",
    sale_ok: true,
    active: true,
    weight_uom_name: "kg",
    write_date: writeDate,
    variants: SIZES.map((size, k) => ({
      id: (i - 1) * VARIANTS_PER_PRODUCT + k + 1,
      product_tmpl_id: [i, name] as const,
      default_code: `MC-${i}-${size}`,
      barcode: false as const,
      weight: 0.25 + k * 0.05,
      active: true,
      product_template_attribute_value_ids: [k + 1],
      write_date: writeDate,
      options: [{ attribute: "Size", value: size }],
    })),
    changed_at: writeDate,
  }
}

/** Peaks of the process's memory, sampled as the ERP stream serves each page. */
const memory = {
  heapUsedMiB: 0,
  heapTotalMiB: 0,
  externalMiB: 0,
  sample: () => {
    const m = process.memoryUsage()
    memory.heapUsedMiB = Math.max(memory.heapUsedMiB, Math.round(m.heapUsed / 2 ** 20))
    memory.heapTotalMiB = Math.max(memory.heapTotalMiB, Math.round(m.heapTotal / 2 ** 20))
    memory.externalMiB = Math.max(memory.externalMiB, Math.round(m.external / 2 ** 20))
  },
}

/**
 * A products stream over `products` generated templates, one page in memory at a time. Like
 * Odoo's `write_date >= since`, it restarts at the cursor's second (inclusive); the engine drops
 * what the cursor already covers.
 */
export const generatedProductsStream = (
  real: StreamDefinition<unknown, unknown>,
  products: number,
): StreamDefinition<unknown, unknown> => ({
  ...real,
  read: (_ctx, options) => {
    const pageSize = options.pageSize ?? PAGE_SIZE
    const first =
      options.since === undefined ? 1 : Math.max(1, Math.floor((Date.parse(options.since.at) - ORIGIN_MS) / 1000))
    return Stream.unfold(first, (start) => {
      if (start > products) return Option.none()
      const end = Math.min(products, start + pageSize - 1)
      const page: OdooProduct[] = []
      for (let i = start; i <= end; i++) page.push(generatedProduct(i))
      memory.sample()
      return Option.some([page, end + 1] as const)
    })
  },
})

/**
 * A shop that validates every `productSet` input it is sent and keeps nothing but counts. It
 * checks with esl's compiled `Schema.is` (the same answers, tested): with Effect's interpreted one,
 * the stand-in shop's own checking was a fifth of everything the process allocated.
 */
export const countingProductsSink = (real: SinkDefinition<unknown, unknown>) => {
  const isPayload = fullCheck(ProductSetPayload.ast)
  const tally = { calls: 0, items: 0 }
  const sink: SinkDefinition<unknown, unknown> = {
    ...real,
    lookup: () => Effect.succeed(new Map<string, string>()),
    write: (_ctx, items) =>
      Effect.sync(() => {
        tally.calls++
        return items.map((item): WriteOutcome => {
          if (!isPayload(item.payload)) throw new Error(`invalid productSet input for ${item.naturalKey}`)
          tally.items++
          return item.externalId !== undefined
            ? { naturalKey: item.naturalKey, ok: true, externalId: item.externalId, action: "updated" }
            : {
                naturalKey: item.naturalKey,
                ok: true,
                externalId: `gid://shopify/Product/${item.naturalKey}`,
                action: "created",
              }
        })
      }),
  }
  return { sink, tally }
}

const benchConfig = defineConfig({
  systems: {
    erp: odoo({ baseUrl: "http://erp.invalid", apiKey: "bench", database: "bench" }),
    shop: shopify({
      shop: "bench",
      baseUrl: "http://shop.invalid",
      accessToken: "shpat_bench",
      locations: { WH: "Central Warehouse" },
    }),
  },
  ownership: { product: { "*": "erp" } },
  flows: {
    "erp-products": { from: "erp", stream: "products", pageSize: PAGE_SIZE },
    "shop-products": { to: "shop", sink: "products" },
  },
})

const writesOf = (c: RunCounts) => c.created + c.updated

const figures = (results: ReadonlyArray<FlowResult>, ms: number): SyncRunFigures => {
  const [inbound, outbound] = results
  if (!inbound || !outbound) throw new Error("expected two flow results")
  for (const r of results) if (r.status !== "succeeded") throw new Error(`${r.flow} ${r.status}: ${r.error ?? ""}`)
  return {
    ms: Math.round(ms),
    writes: writesOf(inbound.counts) + writesOf(outbound.counts),
    inbound: inbound.counts,
    outbound: outbound.counts,
  }
}

/** The heap in use after a full garbage collection, in MiB. */
const liveHeapMiB = () => {
  collectGarbage()
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20)
}

/** Runs the full sync and the no-op sync of `variants` variants on a fresh SQLite file. */
export async function benchEngine(options: { variants: number }): Promise<EngineBenchResult> {
  const products = Math.ceil(options.variants / VARIANTS_PER_PRODUCT)
  const app = await Effect.runPromise(buildApp(benchConfig, { mappings: defaultMappings, environment: {} }))
  let shop: ReturnType<typeof countingProductsSink> | undefined
  const flows: Flow[] = app.flows.map((flow) => {
    if (flow.kind === "inbound") return { ...flow, stream: generatedProductsStream(flow.stream, products) }
    shop = countingProductsSink(flow.sink)
    return { ...flow, sink: shop.sink }
  })
  const liveHeapBeforeMiB = liveHeapMiB()
  const dir = mkdtempSync(join(tmpdir(), "esl-bench-"))
  const file = join(dir, "state.db")
  const store = openSqliteStateStore(file)
  const run = async () => {
    const started = performance.now()
    const results = await Effect.runPromise(
      runFlows(flows).pipe(
        Effect.provide(Layer.succeed(StateStore, store)),
        Logger.withMinimumLogLevel(LogLevel.Warning),
      ),
    )
    return figures(results, performance.now() - started)
  }
  try {
    const full = await run()
    const noop = await run()
    const stateFileMiB = statSync(file).size / 2 ** 20
    const liveHeapAfterMiB = liveHeapMiB()
    const seconds = full.ms / 1000
    return {
      variants: products * VARIANTS_PER_PRODUCT,
      products,
      full: {
        ...full,
        variantsPerSecond: Math.round((products * VARIANTS_PER_PRODUCT) / seconds),
        productsPerSecond: Math.round(products / seconds),
      },
      noop: { ...noop, ratioToFull: noop.ms / Math.max(1, full.ms) },
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapUsedMiB: memory.heapUsedMiB,
      peakHeapTotalMiB: memory.heapTotalMiB,
      peakExternalMiB: memory.externalMiB,
      liveHeapBeforeMiB,
      liveHeapAfterMiB,
      stateFileMiB: Math.round(stateFileMiB * 10) / 10,
      shopCalls: shop?.tally.calls ?? 0,
      shopItems: shop?.tally.items ?? 0,
    }
  } finally {
    Effect.runSync(Effect.ignore(store.close()))
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The marker of the line a parent process reads this script's result from. */
const RESULT_MARKER = "ENGINE_RESULT "

/** The argv that runs this script for one size in a child node process with `nodeOptions`. */
export const engineCommand = (variants: number, nodeOptions: ReadonlyArray<string>): string[] => [
  ...nodeOptions,
  "--import",
  "tsx",
  fileURLToPath(import.meta.url),
  "--variants",
  String(variants),
]

/** The result a child running `engineCommand` printed on stdout, if it printed one. */
export const engineResultIn = (stdout: string): EngineBenchResult | undefined => {
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER))
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as EngineBenchResult)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--variants")
  const variants = Number(at >= 0 ? process.argv[at + 1] : 10_000)
  if (!Number.isInteger(variants) || variants <= 0) {
    console.error("usage: npx tsx bench/engine.ts --variants <positive integer>")
    process.exit(1)
  }
  const result = await benchEngine({ variants })
  console.error(
    `${result.variants} variants (${result.products} products): full ${result.full.ms} ms, ${result.full.variantsPerSecond} variants/s; no-op ${result.noop.ms} ms (${(result.noop.ratioToFull * 100).toFixed(2)}%), ${result.noop.writes} writes; peak RSS ${result.peakRssMiB} MiB (heap used ${result.peakHeapUsedMiB}, reserved ${result.peakHeapTotalMiB}, external ${result.peakExternalMiB})`,
  )
  console.log(RESULT_MARKER + JSON.stringify(result))
}

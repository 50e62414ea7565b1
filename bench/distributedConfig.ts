/**
 * The engine benchmark's sync (generated Odoo catalogue → hub → counting Shopify sink, see
 * `engine.ts`) as an esl config, so that `esl worker` processes can load it: the generated
 * source and the counting sink are the connectors' own streams and sinks swapped in, under the
 * connectors' names, so the default mappings apply as in production.
 */
import { odooConnector } from "../connectors/odoo/index.ts"
import { shopifyConnector } from "../connectors/shopify/index.ts"
import { defineConfig, postgres } from "../core/config/index.ts"
import {
  type ConnectorDefinition,
  type SinkDefinition,
  type StreamDefinition,
  systemFactory,
} from "../core/connector/index.ts"
import { bullmq } from "../core/runtime/queue/config.ts"
import { countingProductsSink, generatedProductsStream, PAGE_SIZE, VARIANTS_PER_PRODUCT } from "./engine.ts"

export interface DistributedBenchSettings {
  readonly variants: number
  /** The shared state store: PostgreSQL, in its own schema. */
  readonly databaseUrl: string
  readonly schema: string
  /** BullMQ on this Redis; absent for the in-process runner. */
  readonly redisUrl?: string
}

const required = <T>(what: string, value: T | undefined): T => {
  if (value === undefined) throw new Error(`the benchmark connectors need the ${what} they wrap`)
  return value
}

/** Odoo whose `products` stream generates the catalogue instead of calling Odoo. */
const generatedOdoo = <C, I>(real: ConnectorDefinition<C, I>, products: number): ConnectorDefinition<C, I> => {
  const stream: StreamDefinition<C, unknown> = required("Odoo products stream", real.streams.products)
  return {
    ...real,
    // The generator ignores the connector context; only its record shape and idOf/positionOf matter.
    streams: {
      ...real.streams,
      products: generatedProductsStream(stream as StreamDefinition<unknown, unknown>, products),
    },
  }
}

/** Shopify whose `products` sink validates and counts each `productSet` input instead of sending it. */
const countingShopify = <C, I>(real: ConnectorDefinition<C, I>): ConnectorDefinition<C, I> => {
  const sink: SinkDefinition<C, unknown> = required("Shopify products sink", real.sinks.products)
  return {
    ...real,
    // The counting sink never uses the connector context either.
    sinks: { ...real.sinks, products: countingProductsSink(sink as SinkDefinition<unknown, unknown>).sink },
  }
}

/** The benchmark's config for `variants` variants on PostgreSQL (and BullMQ, with a Redis URL). */
export const distributedBenchConfig = (settings: DistributedBenchSettings) => {
  const products = Math.ceil(settings.variants / VARIANTS_PER_PRODUCT)
  return defineConfig({
    systems: {
      erp: systemFactory(generatedOdoo(odooConnector, products))({
        baseUrl: "http://erp.invalid",
        apiKey: "bench",
        database: "bench",
      }),
      shop: systemFactory(countingShopify(shopifyConnector))({
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
    state: postgres(settings.databaseUrl, { schema: settings.schema }),
    ...(settings.redisUrl !== undefined ? { queue: bullmq(settings.redisUrl) } : {}),
  })
}

/** The settings a worker process gets from the benchmark, through its environment. */
export const settingsFromEnvironment = (
  environment: Readonly<Record<string, string | undefined>>,
): DistributedBenchSettings => {
  const variants = Number(environment.ESL_BENCH_VARIANTS)
  const { DATABASE_URL: databaseUrl, ESL_BENCH_SCHEMA: schema, REDIS_URL: redisUrl } = environment
  if (!Number.isInteger(variants) || variants <= 0 || !databaseUrl || !schema)
    throw new Error(
      "bench/distributed.config.ts is loaded by the distributed benchmark's workers: set ESL_BENCH_VARIANTS, DATABASE_URL and ESL_BENCH_SCHEMA (npx tsx bench/distributed.ts does)",
    )
  return { variants, databaseUrl, schema, ...(redisUrl ? { redisUrl } : {}) }
}

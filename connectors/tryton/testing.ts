/**
 * Test support, for this connector's tests, its e2e test against a real Tryton and the
 * round-trip tests of other connectors: systems on the sandbox or on a real server (from the
 * TRYTON_* environment), running streams and sinks, and acting on Tryton as a user of it would
 * (create products, set stock, ship a sale) through the same JSON-RPC calls.
 */
import { Chunk, Effect, Logger, LogLevel, Redacted, Schema, Stream } from "effect"
import type {
  ConnectorContext,
  ReadOptions,
  StreamDefinition,
  WriteItem,
  WriteOutcome,
} from "../../core/connector/define.ts"
import { instantiateSystem, type SystemInstance } from "../../core/connector/instantiate.ts"
import { callAs, searchIds, type TrytonClient, trytonClient } from "./client.ts"
import type { TrytonConfig, TrytonConfigInput } from "./config.ts"
import { tryton } from "./index.ts"
import { SANDBOX_DATABASE, SANDBOX_LOGIN, SANDBOX_PASSWORD } from "./sandbox/index.ts"
import { dateOf, decimal, TrytonId } from "./schemas/values.ts"

/** Where the sandbox answers in tests. */
export const BASE_URL = "https://tryton.test"

/** The config of a system on the sandbox. */
export const sandboxConfig = (extra: Partial<TrytonConfigInput> = {}): TrytonConfigInput => ({
  baseUrl: BASE_URL,
  database: SANDBOX_DATABASE,
  username: SANDBOX_LOGIN,
  password: SANDBOX_PASSWORD,
  rateLimit: 1000,
  ...extra,
})

/**
 * The config of the real Tryton the environment names (what `scripts/peers/tryton.sh env`
 * prints): TRYTON_URL, TRYTON_DB (default `esl`), TRYTON_USER (`admin`), TRYTON_PASSWORD
 * (`admin`). Undefined when TRYTON_URL is not set.
 */
export const configFromEnv = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): TrytonConfigInput | undefined =>
  env.TRYTON_URL === undefined || env.TRYTON_URL === ""
    ? undefined
    : {
        baseUrl: env.TRYTON_URL,
        database: env.TRYTON_DB ?? "esl",
        username: env.TRYTON_USER ?? "admin",
        password: env.TRYTON_PASSWORD ?? "admin",
        rateLimit: 1000,
      }

/** Runs quietly: retry warnings are asserted where they matter, not printed. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(effect.pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** Runs and gives the failure instead of throwing it. */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect).pipe(Logger.withMinimumLogLevel(LogLevel.None)))

/** A configured system named `erp`. */
export const systemFor = (config: TrytonConfigInput): Promise<SystemInstance<TrytonConfig>> =>
  run(instantiateSystem("erp", tryton(config), {})) as Promise<SystemInstance<TrytonConfig>>

/** Every record a stream yields, pages flattened. */
export const readAll = async <Raw>(
  stream: StreamDefinition<TrytonConfig, Raw>,
  ctx: ConnectorContext<TrytonConfig>,
  options: ReadOptions = {},
): Promise<ReadonlyArray<Raw>> =>
  (await run(Stream.runCollect(stream.read(ctx, options)).pipe(Effect.map(Chunk.toReadonlyArray)))).flat()

/** Writes items through a sink of the system. */
export const writeAll = <Payload>(
  system: SystemInstance<TrytonConfig>,
  sink: "customers" | "orders",
  items: ReadonlyArray<WriteItem<Payload>>,
): Promise<ReadonlyArray<WriteOutcome>> => {
  const definition = system.connector.sinks[sink]
  if (definition === undefined) throw new Error(`no sink ${sink}`)
  return run(definition.write(system.context, items))
}

const one = (ids: ReadonlyArray<number>, what: string): number => {
  const [id] = ids
  if (id === undefined) throw new Error(`Tryton has no ${what}`)
  return id
}

/** The client of a system, to act on Tryton directly. */
export const clientOf = (system: SystemInstance<TrytonConfig>): TrytonClient => trytonClient(system.context)

/** Creates a goods template with variants (`suffixes` make the codes `code + suffix`); returns the variant ids. */
export const createProduct = (
  client: TrytonClient,
  product: {
    readonly name: string
    readonly code: string
    readonly listPrice: string
    readonly suffixes?: ReadonlyArray<string>
  },
): Promise<ReadonlyArray<number>> =>
  run(
    Effect.gen(function* () {
      const unit = one(yield* searchIds(client, "product.uom", [["symbol", "=", "u"]]), "unit u")
      const suffixes = product.suffixes ?? [""]
      const [template] = yield* callAs(client, Schema.Array(TrytonId), "product.template", "create", [
        [
          {
            name: product.name,
            code: product.code,
            type: "goods",
            salable: true,
            default_uom: unit,
            sale_uom: unit,
            list_price: decimal(product.listPrice),
            products: [["create", suffixes.map((suffix) => ({ suffix_code: suffix === "" ? null : suffix }))]],
          },
        ],
      ])
      return yield* searchIds(client, "product.product", [["template", "=", template ?? 0]])
    }),
  )

/** Sets what a storage location (by code, default `STO` of WH) holds of a product (by code), with a confirmed inventory. */
export const setStock = (client: TrytonClient, sku: string, quantity: number, locationCode = "STO"): Promise<void> =>
  run(
    Effect.gen(function* () {
      const preferences = yield* client.preferences
      const location = one(
        yield* searchIds(client, "stock.location", [["code", "=", locationCode]]),
        `location ${locationCode}`,
      )
      const product = one(yield* searchIds(client, "product.product", [["code", "=", sku]]), `product ${sku}`)
      const [inventory] = yield* callAs(client, Schema.Array(TrytonId), "stock.inventory", "create", [
        [
          {
            location,
            date: dateOf(new Date().toISOString()),
            company: preferences.company,
            lines: [["create", [{ product, quantity }]]],
          },
        ],
      ])
      yield* client.call("stock.inventory", "confirm", [[inventory ?? 0]])
    }).pipe(Effect.mapError((e) => new Error(e.message))),
  )

const SaleState = Schema.Struct({
  id: TrytonId,
  state: Schema.String,
  shipment_state: Schema.String,
  shipments: Schema.Array(TrytonId),
})

/** The state, shipment state and shipments of the sale with this reference (`<channel>:<order number>`). */
export const saleByReference = (client: TrytonClient, reference: string): Promise<typeof SaleState.Type | undefined> =>
  run(
    callAs(client, Schema.Array(SaleState), "sale.sale", "search_read", [
      [["reference", "=", reference]],
      0,
      null,
      [["id", "ASC"]],
      ["state", "shipment_state", "shipments"],
    ]).pipe(Effect.map((sales) => sales[0])),
  )

/**
 * Ships the waiting customer shipments of the sale with this reference, as a warehouse worker
 * would: assign (fails when stock is short), pick, pack, done. Returns the shipment ids.
 */
export const shipSale = async (client: TrytonClient, reference: string): Promise<ReadonlyArray<number>> => {
  const sale = await saleByReference(client, reference)
  if (sale === undefined) throw new Error(`Tryton has no sale with reference ${reference}`)
  await run(
    Effect.gen(function* () {
      const assigned = yield* client.call("stock.shipment.out", "assign_try", [sale.shipments])
      if (assigned !== true) throw new Error(`the shipments of ${reference} could not be assigned (stock short?)`)
      for (const step of ["pick", "pack", "done"]) yield* client.call("stock.shipment.out", step, [sale.shipments])
    }),
  )
  return sale.shipments
}

/** The quantity and forecast of a product (by code) in a warehouse (by code, default `WH`). */
export const stockOf = (
  client: TrytonClient,
  sku: string,
  warehouseCode = "WH",
): Promise<{ quantity: number; forecast: number }> =>
  run(
    Effect.gen(function* () {
      const warehouse = one(
        yield* searchIds(client, "stock.location", [["code", "=", warehouseCode]]),
        `warehouse ${warehouseCode}`,
      )
      const [row] = yield* callAs(
        client,
        Schema.Array(Schema.Struct({ quantity: Schema.Number, forecast_quantity: Schema.Number })),
        "product.product",
        "search_read",
        [[["code", "=", sku]], 0, 1, null, ["quantity", "forecast_quantity"]],
        { locations: [warehouse] },
      )
      if (row === undefined) throw new Error(`Tryton has no product ${sku}`)
      return { quantity: row.quantity, forecast: row.forecast_quantity }
    }),
  )

/** The password of a config, for tests that log in by hand. */
export const passwordOf = (config: TrytonConfig): string => Redacted.value(config.password)

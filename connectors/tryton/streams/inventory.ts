/**
 * `inventory` → canonical `inventory`: what each warehouse holds of each goods variant, read
 * with Tryton's own quantity computation (product.product `quantity`/`forecast_quantity` with
 * context `locations: [warehouse]`, child locations included). A full read every time: stock has
 * no write date of its own, and following stock.move changes would miss nothing only if every
 * quantity change were a move, which inventories and cancellations make fragile. The hub skips
 * levels that did not change.
 */
import { Clock, Effect, Option, Stream } from "effect"
import { type ConnectorContext, defineStream } from "../../../core/connector/define.ts"
import type { ConnectorError } from "../../../core/connector/errors.ts"
import { paginate } from "../../../core/http/index.ts"
import { searchRead, type TrytonClient, trytonClient } from "../client.ts"
import type { TrytonConfig } from "../config.ts"
import { QuantityRecord, type TrytonStockLevel, WarehouseRecord } from "../schemas/stock.ts"
import { pageSizeOf } from "./changes.ts"

const VARIANT_OF_GOODS = ["template.type", "=", "goods"] as const

/** The warehouses with a code: all, or those the config names. */
export const warehousesOf = (client: TrytonClient, codes: ReadonlyArray<string> | undefined) =>
  searchRead(client, "stock.location", WarehouseRecord, {
    domain: [["type", "=", "warehouse"], ["code", "!=", null], ...(codes === undefined ? [] : [["code", "in", codes]])],
    fields: ["name", "code", "storage_location"],
  })

/** Quantities of the given products (all goods when undefined) in one warehouse. */
const quantitiesIn = (
  client: TrytonClient,
  warehouse: WarehouseRecord,
  readAt: string,
  query: { readonly ids?: ReadonlyArray<number>; readonly offset: number; readonly limit: number | null },
): Effect.Effect<ReadonlyArray<TrytonStockLevel>, ConnectorError> =>
  searchRead(client, "product.product", QuantityRecord, {
    domain: [VARIANT_OF_GOODS, ...(query.ids === undefined ? [] : [["id", "in", query.ids]])],
    fields: ["code", "quantity", "forecast_quantity"],
    offset: query.offset,
    limit: query.limit,
    // https://docs.tryton.org/projects/modules-stock/en/6.0/ (product quantities: context `locations`, `with_childs`)
    context: { locations: [warehouse.id], with_childs: true },
  }).pipe(
    Effect.map((records) =>
      records.map((r) => ({
        product: r.id,
        code: r.code,
        warehouse: warehouse.id,
        warehouse_code: warehouse.code ?? "",
        quantity: r.quantity,
        forecast_quantity: r.forecast_quantity,
        read_at: readAt,
      })),
    ),
  )

const now = Clock.currentTimeMillis.pipe(Effect.map((ms) => new Date(ms).toISOString()))

/** `inventory`: every goods variant in every (configured) warehouse, warehouse by warehouse. */
export const inventoryStream = defineStream<TrytonConfig, TrytonStockLevel>({
  entity: "inventory",
  description: "product.product quantity and forecast_quantity per warehouse (context locations)",
  incremental: false,
  idOf: (raw) => `${raw.product}@${raw.warehouse}`,
  positionOf: (raw) => ({ at: raw.read_at, id: `${raw.warehouse}-${raw.product}` }),
  read: (ctx: ConnectorContext<TrytonConfig>, options) => {
    const client = trytonClient(ctx)
    const pageSize = pageSizeOf(ctx.config.pageSize, options.pageSize)
    return Stream.unwrap(
      Effect.gen(function* () {
        const warehouses = yield* warehousesOf(client, ctx.config.warehouses)
        const readAt = yield* now
        return Stream.fromIterable(warehouses).pipe(
          Stream.flatMap((warehouse) =>
            paginate(
              0,
              (offset: number) =>
                quantitiesIn(client, warehouse, readAt, { offset, limit: pageSize }).pipe(
                  Effect.map((items) => ({
                    items,
                    next: items.length < pageSize ? Option.none<number>() : Option.some(offset + items.length),
                  })),
                ),
              { system: ctx.system, operation: "product.product.search_read" },
            ),
          ),
        )
      }),
    )
  },
  readByIds: (ctx, ids) =>
    Effect.gen(function* () {
      const client = trytonClient(ctx)
      const wanted = ids.map((id) => {
        const [product = "0", warehouse = "0"] = id.split("@")
        return { product: Number(product), warehouse: Number(warehouse) }
      })
      const warehouses = (yield* warehousesOf(client, ctx.config.warehouses)).filter((w) =>
        wanted.some((x) => x.warehouse === w.id),
      )
      const readAt = yield* now
      const levels = yield* Effect.forEach(warehouses, (warehouse) =>
        quantitiesIn(client, warehouse, readAt, {
          ids: wanted.filter((x) => x.warehouse === warehouse.id).map((x) => x.product),
          offset: 0,
          limit: null,
        }),
      )
      return levels.flat()
    }),
})

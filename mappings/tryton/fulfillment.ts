/**
 * `fulfillment` ⇄ a done customer shipment (the fulfillments stream's record). The order is
 * the sale's: its `reference` `<channel>:<order number>` for channel orders esl wrote, else the
 * system's channel and the sale's number. Fulfilment id: the shipment's number; lines: what
 * its outgoing moves shipped, per SKU; location: its warehouse's code; shipped at its
 * effective date (Tryton keeps a date, not a time).
 */
import { Effect, Schema } from "effect"
import { TrytonShipment } from "../../connectors/tryton/schemas/shipment.ts"
import { dateOf, instantOfDate } from "../../connectors/tryton/schemas/values.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Fulfillment } from "../../core/model/index.ts"
import { failAt, textOf, wholeNumber } from "./trytonValues.ts"

const splitReference = (reference: string | undefined): readonly [string, string] | undefined => {
  if (reference === undefined) return undefined
  const colon = reference.indexOf(":")
  return colon <= 0 || colon === reference.length - 1
    ? undefined
    : [reference.slice(0, colon), reference.slice(colon + 1)]
}

/** TrytonShipment ⇄ Fulfillment. */
export const fulfillmentRead = Schema.transformOrFail(TrytonShipment, Fulfillment, {
  strict: true,
  decode: (raw, _options, ast) =>
    Effect.gen(function* () {
      const { defaults } = yield* MappingContext
      const [sale, ...others] = raw.sales
      if (sale === undefined) {
        return yield* failAt(
          ast,
          raw,
          ["sales"],
          `shipment ${raw.number ?? raw.id} ships no sale (its moves come from no sale line)`,
        )
      }
      if (others.length > 0) {
        return yield* failAt(
          ast,
          raw,
          ["sales"],
          `shipment ${raw.number ?? raw.id} ships ${raw.sales.length} sales; a fulfilment belongs to one order`,
        )
      }
      const quantities = new Map<string, number>()
      for (const [i, move] of raw.moves.entries()) {
        if (move.state !== "done" || move.quantity === 0) continue
        const sku = textOf(move.code)
        if (sku === undefined) {
          return yield* failAt(
            ast,
            raw,
            ["moves", i, "code"],
            `product ${move.product} has no code; set one in Tryton, it is the SKU`,
          )
        }
        const quantity = wholeNumber(move.quantity)
        if (quantity === undefined || quantity < 0) {
          return yield* failAt(ast, raw, ["moves", i, "quantity"], `${move.quantity} is not a whole, positive quantity`)
        }
        quantities.set(sku, (quantities.get(sku) ?? 0) + quantity)
      }
      const [first, ...rest] = [...quantities].map(([sku, quantity]) => ({ sku, quantity }))
      if (first === undefined)
        return yield* failAt(ast, raw, ["moves"], `shipment ${raw.number ?? raw.id} moved nothing`)
      const key = splitReference(textOf(sale.reference))
      const locationCode = textOf(raw.warehouse_code)
      return {
        channel: key?.[0] ?? defaults.channel,
        orderNumber: key?.[1] ?? textOf(sale.number) ?? String(sale.id),
        fulfillmentId: textOf(raw.number) ?? String(raw.id),
        lines: [first, ...rest],
        ...(locationCode === undefined ? {} : { locationCode }),
        status: "shipped" as const,
        ...(raw.effective_date === null ? {} : { shippedAt: instantOfDate(raw.effective_date) }),
        updatedAt: raw.changed_at,
      }
    }),
  encode: (fulfillment) =>
    Effect.succeed({
      id: 1,
      number: fulfillment.fulfillmentId,
      reference: null,
      state: "done",
      effective_date: fulfillment.shippedAt === undefined ? null : dateOf(fulfillment.shippedAt),
      warehouse_code: fulfillment.locationCode ?? null,
      moves: fulfillment.lines.map((line, i) => ({
        id: i + 1,
        product: i + 1,
        code: line.sku,
        quantity: line.quantity,
        state: "done",
      })),
      sales: [
        { id: 1, number: fulfillment.orderNumber, reference: `${fulfillment.channel}:${fulfillment.orderNumber}` },
      ],
      changed_at: fulfillment.updatedAt,
    }),
})

/** `fulfillment`: read from the fulfillments stream. */
export const fulfillmentMapping = defineMapping<"fulfillment", typeof TrytonShipment.Encoded, unknown>({
  entity: "fulfillment",
  read: fulfillmentRead,
})

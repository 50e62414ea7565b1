/**
 * `return` → an incoming return transfer (the returns sink's payload). A return at a store
 * counter goes to that store's warehouse (`locationCode` = warehouse short name), one by mail to
 * the main warehouse. The transfer's origin carries the return's natural key, the sale order is
 * found by the order's `<channel>:<order number>`. The refund is the shop's and accounting's
 * business, not the transfer's, so it does not travel.
 */
import { Effect, Schema } from "effect"
import { ReturnPickingPayload } from "../../connectors/odoo/schemas/returnPayload.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { Return } from "../../core/model/index.ts"
import { failAt, instantOf, odooDatetimeOf, plainText, textOf } from "./odooValues.ts"
import { splitRef } from "./orderRead.ts"

/** ReturnPickingPayload ⇄ Return. */
export const returnWrite = Schema.transformOrFail(ReturnPickingPayload, Return, {
  strict: true,
  decode: (payload, _options, ast) =>
    Effect.gen(function* () {
      const key = splitRef(payload.origin)
      if (key === undefined) return yield* failAt(ast, payload, ["origin"], "must be <channel>:<return id>")
      const order = splitRef(payload.sale_order_ref)
      if (order === undefined) {
        return yield* failAt(ast, payload, ["sale_order_ref"], "must be <channel>:<order number>")
      }
      const lineOf = (line: (typeof payload.lines)[number]) => ({ sku: line.sku, quantity: line.product_uom_qty })
      const [head, ...tail] = payload.lines
      const warehouse = textOf(payload.warehouse_code)
      const reason = plainText(payload.note)
      return {
        channel: key[0],
        returnId: key[1],
        orderChannel: order[0],
        orderNumber: order[1],
        lines: [lineOf(head), ...tail.map(lineOf)],
        ...(reason === undefined ? {} : { reason }),
        returnedAt:
          warehouse === undefined ? { kind: "mail" as const } : { kind: "store" as const, locationCode: warehouse },
        status: payload.status,
        updatedAt: instantOf(payload.scheduled_date),
      }
    }),
  encode: (ret) => {
    const lineOf = (line: (typeof ret.lines)[number]) => ({ sku: line.sku, product_uom_qty: line.quantity })
    const [head, ...tail] = ret.lines
    return Effect.succeed({
      origin: `${ret.channel}:${ret.returnId}`,
      sale_order_ref: `${ret.orderChannel}:${ret.orderNumber}`,
      warehouse_code: ret.returnedAt.kind === "store" ? ret.returnedAt.locationCode : (false as const),
      lines: [lineOf(head), ...tail.map(lineOf)] as const,
      note: ret.reason ?? false,
      scheduled_date: odooDatetimeOf(ret.updatedAt),
      status: ret.status,
    })
  },
})

/** `return`: written through the returns sink. */
export const returnMapping = defineMapping<"return", unknown, typeof ReturnPickingPayload.Encoded>({
  entity: "return",
  write: returnWrite,
})

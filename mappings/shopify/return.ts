/**
 * Shopify refund that took goods back ⇄ canonical Return. The return id is the refund's number
 * (its GID's last part); the lines are the refund's line items restocked as `RETURN`. A refund
 * outside Shopify's return flow (no `return`) restocked at a location is a return at that
 * location's counter (Shopify POS): `returnedAt: store` with the location's code from the
 * `locations` option; any other is a return by mail. Shopify has refunded it: status `refunded`.
 */
import { Effect, Schema } from "effect"
import { gidNumber, toGid } from "../../connectors/shopify/schemas/common.ts"
import { RefundRecord } from "../../connectors/shopify/schemas/refund.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { type Money, Return, toInstant } from "../../core/model/index.ts"
import { locationCodeOf, locationRefOf } from "./lookups.ts"
import { moneyFromBag, moneyToBag } from "./money.ts"

type ReturnEncoded = typeof Return.Encoded

const RefundFromShopify = Schema.transformOrFail(RefundRecord, Return, {
  strict: true,
  decode: (refund, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, refund)
      const quantities = new Map<string, number>()
      let location: { readonly id: string; readonly name: string } | undefined
      for (const [i, line] of refund.refundLineItems.nodes.entries()) {
        if (line.restockType !== "RETURN" || line.quantity <= 0) continue
        if (line.lineItem.sku === null || line.lineItem.sku.trim() === "") {
          problems.add(["refundLineItems", "nodes", i, "lineItem", "sku"], "the returned line item has no SKU")
          continue
        }
        quantities.set(line.lineItem.sku, (quantities.get(line.lineItem.sku) ?? 0) + line.quantity)
        location ??= line.location ?? undefined
      }
      const [first, ...rest] = [...quantities].map(([sku, quantity]) => ({ sku, quantity }))
      if (first === undefined) {
        problems.add(["refundLineItems"], "the refund restocks nothing as a return")
      }
      const refundAmount = problems.attempt(["totalRefundedSet"], () => moneyFromBag(refund.totalRefundedSet))
      const updatedAt = problems.attempt(["updatedAt"], () => toInstant(refund.updatedAt))
      const reason = refund.note?.trim() || undefined
      return yield* problems.result(
        (): ReturnEncoded => ({
          channel: ctx.defaults.channel,
          returnId: String(gidNumber(refund.id)),
          orderChannel: ctx.defaults.channel,
          orderNumber: refund.order.name.replace(/^#/, ""),
          // A refund without return lines was recorded as a problem above, so `first` is set here.
          lines: [first!, ...rest],
          ...optional("reason", reason),
          returnedAt:
            refund.return === null && location !== undefined
              ? { kind: "store", locationCode: locationCodeOf(ctx, location) }
              : { kind: "mail" },
          ...optional("refundAmount", refundAmount),
          status: "refunded",
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (ret) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const place = ret.returnedAt.kind === "store" ? locationRefOf(ctx, ret.returnedAt.locationCode) : undefined
      // A location configured by name has no GID here; the name alone finds its code again.
      const location = place === undefined ? null : { id: place.id ?? toGid("Location", 0), name: place.name }
      const amount: Money = ret.refundAmount ?? { amount: 0, currency: ctx.defaults.currency }
      return {
        id: toGid("Refund", ret.returnId),
        createdAt: ret.updatedAt,
        updatedAt: ret.updatedAt,
        note: ret.reason ?? null,
        totalRefundedSet: moneyToBag(amount),
        return: null,
        refundLineItems: {
          nodes: ret.lines.map((line, index) => ({
            quantity: line.quantity,
            restockType: "RETURN" as const,
            location,
            lineItem: { id: toGid("LineItem", index + 1), sku: line.sku },
            subtotalSet: moneyToBag({ amount: 0, currency: amount.currency }),
          })),
        },
        order: { id: toGid("Order", 0), name: `#${ret.orderNumber}`, updatedAt: ret.updatedAt },
      }
    }),
})

/** `return`: read from the returns stream. */
export const returnMapping = defineMapping<"return", typeof RefundRecord.Encoded, unknown>({
  entity: "return",
  read: RefundFromShopify,
})

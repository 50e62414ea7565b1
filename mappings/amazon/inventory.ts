/**
 * Amazon inventory ⇄ canonical InventoryLevel.
 *
 * Read: an FBA inventory summary is the stock at the FBA location (`FBA-EU`): fulfillable plus
 * reserved units are on hand, reserved ones are held for orders and transfers, inbound ones
 * (working, shipped, receiving) are incoming. Unfulfillable and researching units are not
 * counted: Amazon will never sell them. So `available` is Amazon's fulfillable quantity.
 *
 * Write: the level at the configured stock location becomes the listing's seller-fulfilled
 * quantity (`fulfillment_availability`, channel `DEFAULT`), its `available`.
 */
import { Clock, Effect, Schema } from "effect"
import { ListingPatchPayload } from "../../connectors/amazon/schemas/feeds.ts"
import { InventorySummary } from "../../connectors/amazon/schemas/inventory.ts"
import { FulfillmentAvailability } from "../../connectors/amazon/schemas/listings.ts"
import { defineMapping, MappingContext } from "../../core/mapping/index.ts"
import { Problems } from "../../core/mapping/problems.ts"
import { InventoryLevel, inventoryLevel, toInstant } from "../../core/model/index.ts"
import { fbaLocationOf, stockLocationOf } from "./lookups.ts"

const FULFILLMENT_AVAILABILITY = "/attributes/fulfillment_availability"

const InventoryFromAmazon = Schema.transformOrFail(InventorySummary, InventoryLevel, {
  strict: true,
  decode: (summary, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, summary)
      const details = summary.inventoryDetails
      if (details === undefined) problems.add(["inventoryDetails"], "read FBA inventory with details=true")
      const fulfillable = details?.fulfillableQuantity ?? 0
      const reserved = details?.reservedQuantity?.totalReservedQuantity ?? 0
      const incoming =
        (details?.inboundWorkingQuantity ?? 0) +
        (details?.inboundShippedQuantity ?? 0) +
        (details?.inboundReceivingQuantity ?? 0)
      if (fulfillable < 0) problems.add(["inventoryDetails", "fulfillableQuantity"], "cannot be negative", fulfillable)
      const updatedAt = problems.attempt(["lastUpdatedTime"], () => toInstant(summary.lastUpdatedTime))
      return yield* problems.result(() =>
        inventoryLevel({
          sku: summary.sellerSku,
          locationCode: fbaLocationOf(ctx),
          onHand: fulfillable + reserved,
          reserved,
          safetyStock: 0,
          incoming,
          updatedAt: updatedAt!,
        }),
      )
    }),
  encode: (level) =>
    Effect.succeed({
      sellerSku: level.sku,
      lastUpdatedTime: level.updatedAt,
      totalQuantity: level.onHand + level.incoming,
      inventoryDetails: {
        fulfillableQuantity: level.onHand - level.reserved,
        inboundWorkingQuantity: 0,
        inboundShippedQuantity: level.incoming,
        inboundReceivingQuantity: 0,
        reservedQuantity: { totalReservedQuantity: level.reserved },
      },
    }),
})

const InventoryToAmazon = Schema.transformOrFail(ListingPatchPayload, InventoryLevel, {
  strict: true,
  decode: (payload, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, payload)
      const patch = payload.patches.find((p) => p.path === FULFILLMENT_AVAILABILITY)
      const own = Schema.decodeUnknownOption(Schema.Array(FulfillmentAvailability))(patch?.value)
      const quantity =
        own._tag === "Some" ? own.value.find((a) => a.fulfillment_channel_code === "DEFAULT")?.quantity : undefined
      if (quantity === undefined) problems.add(["patches"], "no DEFAULT fulfillment_availability patch")
      // A write payload carries no timestamp: reading one back stamps it with the current time.
      const now = yield* Clock.currentTimeMillis
      return yield* problems.result(() =>
        inventoryLevel({
          sku: payload.sku,
          locationCode: stockLocationOf(ctx),
          onHand: quantity ?? 0,
          reserved: 0,
          safetyStock: 0,
          incoming: 0,
          updatedAt: toInstant(new Date(now)),
        }),
      )
    }),
  encode: (level, _, ast) =>
    Effect.gen(function* () {
      const ctx = yield* MappingContext
      const problems = new Problems(ast, level)
      const stockLocation = stockLocationOf(ctx)
      if (level.locationCode !== stockLocation) {
        problems.add(
          ["locationCode"],
          `Amazon takes the seller-fulfilled stock of location ${stockLocation} only (FBA stock is Amazon's count); filter the flow to it`,
          level.locationCode,
        )
      }
      return yield* problems.result(() => ({
        sku: level.sku,
        patches: [
          {
            op: "replace" as const,
            path: FULFILLMENT_AVAILABILITY,
            value: [{ fulfillment_channel_code: "DEFAULT", quantity: level.available }],
          },
        ],
      }))
    }),
})

/** Amazon FBA inventory (read) and seller-fulfilled quantities (write) ⇄ canonical inventory levels. */
export const inventoryMapping = defineMapping({
  entity: "inventory",
  read: InventoryFromAmazon,
  write: InventoryToAmazon,
})

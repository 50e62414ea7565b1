/** FBA Inventory API v1 records (fbaInventory.json: `InventorySummary`, `InventoryDetails`). */
import { Schema } from "effect"

const Count = Schema.optional(Schema.Int)

export const InventoryDetails = Schema.Struct({
  fulfillableQuantity: Count,
  inboundWorkingQuantity: Count,
  inboundShippedQuantity: Count,
  inboundReceivingQuantity: Count,
  reservedQuantity: Schema.optional(
    Schema.Struct({
      totalReservedQuantity: Count,
      pendingCustomerOrderQuantity: Count,
      pendingTransshipmentQuantity: Count,
      fcProcessingQuantity: Count,
    }),
  ),
  researchingQuantity: Schema.optional(Schema.Struct({ totalResearchingQuantity: Count })),
  unfulfillableQuantity: Schema.optional(Schema.Struct({ totalUnfulfillableQuantity: Count })),
})

/** `InventorySummary` with `details=true`. */
export const InventorySummary = Schema.Struct({
  asin: Schema.optional(Schema.String),
  fnSku: Schema.optional(Schema.String),
  sellerSku: Schema.String,
  condition: Schema.optional(Schema.String),
  inventoryDetails: Schema.optional(InventoryDetails),
  lastUpdatedTime: Schema.String,
  productName: Schema.optional(Schema.String),
  totalQuantity: Schema.optional(Schema.Int),
})
export type InventorySummary = typeof InventorySummary.Type

/** `GetInventorySummariesResponse`. */
export const GetInventorySummariesResponse = Schema.Struct({
  payload: Schema.Struct({
    granularity: Schema.Struct({
      granularityType: Schema.optional(Schema.String),
      granularityId: Schema.optional(Schema.String),
    }),
    inventorySummaries: Schema.Array(InventorySummary),
  }),
  pagination: Schema.optional(Schema.Struct({ nextToken: Schema.optional(Schema.String) })),
})

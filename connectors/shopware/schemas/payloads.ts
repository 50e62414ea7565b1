/**
 * What the sinks write through the Sync API: the mapping's output, before the sink adds what
 * only it can know (ids it looked up, create-only required fields).
 */
import { Schema } from "effect"

/** A price in one currency (`price` of a product, of an advanced price). */
export const ShopwarePrice = Schema.Struct({
  currencyId: Schema.String,
  gross: Schema.Number,
  net: Schema.Number,
  linked: Schema.Boolean,
  listPrice: Schema.optional(
    Schema.Struct({ currencyId: Schema.String, gross: Schema.Number, net: Schema.Number, linked: Schema.Boolean }),
  ),
})
export type ShopwarePrice = typeof ShopwarePrice.Type

const Translations = Schema.Record({
  key: Schema.String,
  value: Schema.Struct({ name: Schema.optional(Schema.String), description: Schema.optional(Schema.String) }),
})

/** A property option with its group, written nested so both exist after the upsert. */
export const OptionPayload = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  group: Schema.Struct({ id: Schema.String, name: Schema.String }),
})

/** A parent product with its variants (`children`), as one sync record. */
export const ProductPayload = Schema.Struct({
  id: Schema.String,
  productNumber: Schema.String,
  name: Schema.String,
  description: Schema.optional(Schema.String),
  translations: Translations,
  /** The configured tax id of `taxRate`; without one the sink finds Shopware's tax of that rate. */
  taxId: Schema.optional(Schema.String),
  /** The product's tax rate in percent. Not a Shopware field: the sink strips it. */
  taxRate: Schema.Number,
  active: Schema.Boolean,
  manufacturer: Schema.optional(Schema.Struct({ id: Schema.String, name: Schema.String })),
  categories: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String })),
  visibilities: Schema.Array(
    Schema.Struct({ id: Schema.String, salesChannelId: Schema.String, visibility: Schema.Number }),
  ),
  configuratorSettings: Schema.Array(Schema.Struct({ id: Schema.String, optionId: Schema.String })),
  /** Product media (`product_media`) with their `media` written nested; position 0 is the cover. */
  media: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      position: Schema.Number,
      media: Schema.Struct({ id: Schema.String, alt: Schema.optional(Schema.String) }),
    }),
  ),
  coverId: Schema.optional(Schema.String),
  /**
   * Where each medium's file comes from. Not a Shopware field: the sink strips it and has
   * Shopware download new files (`POST /api/_action/media/{id}/upload` with `{ url }`).
   */
  mediaSources: Schema.Array(Schema.Struct({ mediaId: Schema.String, url: Schema.String })),
  children: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      productNumber: Schema.String,
      active: Schema.Boolean,
      ean: Schema.optional(Schema.String),
      weight: Schema.optional(Schema.Number),
      options: Schema.Array(OptionPayload),
    }),
  ),
})
export type ProductPayload = typeof ProductPayload.Type

/** One canonical price as the prices sink applies it: to `price` or to an advanced price rule. */
export const PricePayload = Schema.Struct({
  productNumber: Schema.String,
  /** Set for advanced (`product.prices`) prices: the rule of the price list; absent for the list price. */
  ruleId: Schema.optional(Schema.String),
  quantityStart: Schema.Number,
  price: ShopwarePrice,
})
export type PricePayload = typeof PricePayload.Type

/** One location's sellable stock of one SKU; the inventory sink sums the configured locations. */
export const StockPayload = Schema.Struct({
  productNumber: Schema.String,
  locationCode: Schema.String,
  available: Schema.Number,
})
export type StockPayload = typeof StockPayload.Type

/**
 * A category (`category` entity) with its parent. Shopware has no category code, so the hub's
 * code and parent code ride along in `customFields`.
 */
export const CategoryPayload = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  translations: Translations,
  parentId: Schema.NullOr(Schema.String),
  customFields: Schema.Struct({ esl_code: Schema.String, esl_parent_code: Schema.NullOr(Schema.String) }),
})
export type CategoryPayload = typeof CategoryPayload.Type

/**
 * A delivery update: state transition and tracking codes of the order's delivery. `fulfillmentId`
 * and `lines` are the hub's, kept for the DLQ and replay; Shopware's delivery has no such fields.
 */
export const DeliveryPayload = Schema.Struct({
  orderNumber: Schema.String,
  fulfillmentId: Schema.String,
  lines: Schema.NonEmptyArray(Schema.Struct({ sku: Schema.String, quantity: Schema.Number })),
  /** The transition to fire (`ship`, `cancel`), or none when the state stays. */
  transition: Schema.NullOr(Schema.Literal("ship", "cancel")),
  trackingCodes: Schema.Array(Schema.String),
})
export type DeliveryPayload = typeof DeliveryPayload.Type

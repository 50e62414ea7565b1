/**
 * Refunds as the Admin GraphQL API returns them
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/objects/Refund). A return at a store's
 * counter (Shopify POS) is a refund whose line items are restocked with `restockType: RETURN`
 * at the store's `location`; one that went through Shopify's return flow also names its `return`.
 */
import { Schema } from "effect"
import { Gid, MoneyBag, PageInfo } from "./common.ts"

/** `RefundLineItemRestockType`: RETURN (goods came back), CANCEL, LEGACY_RESTOCK, NO_RESTOCK. */
export const RefundLineItemRestockType = Schema.Literal("RETURN", "CANCEL", "LEGACY_RESTOCK", "NO_RESTOCK")

/** One refunded line: how many units of which order line, restocked how and where. */
export const RefundLineItemNode = Schema.Struct({
  quantity: Schema.Int,
  restockType: RefundLineItemRestockType,
  /** The location the units were restocked at; null when none were. */
  location: Schema.NullOr(Schema.Struct({ id: Gid, name: Schema.String })),
  lineItem: Schema.Struct({ id: Gid, sku: Schema.NullOr(Schema.String) }),
  subtotalSet: MoneyBag,
})
export type RefundLineItemNode = typeof RefundLineItemNode.Type

/** A refund with its first page of line items. */
export const RefundNode = Schema.Struct({
  id: Gid,
  createdAt: Schema.NullOr(Schema.String),
  updatedAt: Schema.String,
  note: Schema.NullOr(Schema.String),
  totalRefundedSet: MoneyBag,
  /** The return the refund settles, when the goods came back through Shopify's return flow. */
  return: Schema.NullOr(Schema.Struct({ id: Gid, name: Schema.String })),
  refundLineItems: Schema.Struct({ nodes: Schema.Array(RefundLineItemNode), pageInfo: PageInfo }),
})
export type RefundNode = typeof RefundNode.Type

/**
 * What the returns stream yields: a refund with all its line items and its order's id, name and
 * `updatedAt` (the stream's position: a refund is read when its order changes).
 */
export const RefundRecord = Schema.Struct({
  ...RefundNode.fields,
  refundLineItems: Schema.Struct({ nodes: Schema.Array(RefundLineItemNode) }),
  order: Schema.Struct({ id: Gid, name: Schema.String, updatedAt: Schema.String }),
})
export type RefundRecord = typeof RefundRecord.Type

/**
 * Shapes every Admin GraphQL answer shares: global ids, money bags, connections, user errors.
 * Nullable fields are `NullOr` because Shopify sends `null`, never leaves a selected field out.
 */
import { Schema } from "effect"

/** A Shopify global id, `gid://shopify/Product/8712345678901` (inventory levels carry a query part). */
export const Gid = Schema.String.pipe(
  Schema.pattern(/^gid:\/\/shopify\/[A-Za-z]+\/\d+(\?\S*)?$/, {
    message: () => "must be a Shopify global id, e.g. gid://shopify/Product/123",
  }),
)

const GID_PARTS = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)/

/** The resource type of a GID (`Product`), or undefined for anything else. */
export const gidType = (gid: string): string | undefined => GID_PARTS.exec(gid)?.[1]

/**
 * The numeric part of a GID, as a bigint: Shopify ids outgrow 2^53 in the largest shops, and
 * ties on `updatedAt` are broken by comparing them as numbers, not strings ("9" < "10").
 */
export const gidNumber = (gid: string): bigint => {
  const digits = GID_PARTS.exec(gid)?.[2]
  return digits === undefined ? -1n : BigInt(digits)
}

/** `gid://shopify/<type>/<id>`. */
export const toGid = (type: string, id: number | bigint | string): string => `gid://shopify/${type}/${id}`

/** A decimal amount as Shopify sends it: `"29.95"` (the `Decimal`/`Money` scalars are strings). */
export const DecimalString = Schema.String.pipe(
  Schema.pattern(/^-?\d+(\.\d+)?$/, { message: () => "must be a decimal amount such as 29.95" }),
)

/** `MoneyV2`: an amount and its currency. */
export const MoneyV2 = Schema.Struct({ amount: DecimalString, currencyCode: Schema.String })
export type MoneyV2 = typeof MoneyV2.Type

/** `MoneyBag`; we read the shop currency only (`presentmentMoney` is what the buyer saw). */
export const MoneyBag = Schema.Struct({ shopMoney: MoneyV2 })
export type MoneyBag = typeof MoneyBag.Type

export const PageInfo = Schema.Struct({ hasNextPage: Schema.Boolean, endCursor: Schema.NullOr(Schema.String) })

/** A Relay connection read through its `nodes` shortcut. */
export const Connection = <A, I>(node: Schema.Schema<A, I>) =>
  Schema.Struct({ nodes: Schema.Array(node), pageInfo: PageInfo })

/** `UserError` and its typed variants (`ProductSetUserError`, …): a rejected input field. */
export const UserError = Schema.Struct({
  field: Schema.NullOr(Schema.Array(Schema.String)),
  message: Schema.String,
  code: Schema.optional(Schema.NullOr(Schema.String)),
})
export type UserError = typeof UserError.Type

/** `extensions.cost`, sent with every answer (https://shopify.dev/docs/api/usage/limits#cost-calculation). */
export const QueryCost = Schema.Struct({
  requestedQueryCost: Schema.Number,
  actualQueryCost: Schema.NullOr(Schema.Number),
  throttleStatus: Schema.Struct({
    maximumAvailable: Schema.Number,
    currentlyAvailable: Schema.Number,
    restoreRate: Schema.Number,
  }),
})
export type QueryCost = typeof QueryCost.Type

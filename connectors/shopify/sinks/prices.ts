/**
 * The prices sink: `productVariantsBulkUpdate` with `allowPartialUpdates`, one call per product
 * (the mutation takes one product's variants), several calls per request as aliases
 * (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productVariantsBulkUpdate).
 *
 * Shopify has one price per variant: only the system's own price list and currency at minimum
 * quantity 1 can be written; any other price is rejected with the reason, not silently dropped.
 */
import { Effect, Schema } from "effect"
import { type ConnectorError, defineSink, type WriteItem, type WriteOutcome } from "../../../core/connector/index.ts"
import { chunksOf, type ShopifyContext, shopifyRequest } from "../client.ts"
import type { ShopifyConfig } from "../config.ts"
import { UserError } from "../schemas/common.ts"
import type { VariantPricePayload } from "../schemas/price.ts"
import { rejected, rejectedByUserErrors, userErrorIndex } from "./rejection.ts"
import { type VariantRef, variantsBySku } from "./variantLookup.ts"

/** Products per request: each call costs 10 points. */
const PRODUCTS_PER_REQUEST = 25

const BulkUpdateResult = Schema.Struct({
  productVariants: Schema.NullOr(Schema.Array(Schema.Struct({ id: Schema.String }))),
  userErrors: Schema.Array(UserError),
})
const BulkUpdateBatch = Schema.Record({ key: Schema.String, value: Schema.NullOr(BulkUpdateResult) })

const batchMutation = (count: number): string => {
  const indexes = Array.from({ length: count }, (_, i) => i)
  return `mutation PricesBatch(${indexes.map((i) => `$p${i}: ID!, $v${i}: [ProductVariantsBulkInput!]!`).join(", ")}) {
${indexes.map((i) => `  u${i}: productVariantsBulkUpdate(productId: $p${i}, variants: $v${i}, allowPartialUpdates: true) { productVariants { id } userErrors { field message code } }`).join("\n")}
}`
}

/** `sku|priceList|currency|minQuantity`, as `naturalKeys.price` builds it. */
const parseKey = (naturalKey: string) => {
  const [sku = "", priceList = "", currency = "", minQuantity = ""] = naturalKey.split("|")
  return { sku, priceList, currency, minQuantity }
}

/** Why a price cannot go to this shop, or undefined when it can. */
const notThisShop = (config: ShopifyConfig, naturalKey: string): string | undefined => {
  const key = parseKey(naturalKey)
  if (key.priceList === config.priceList && key.currency === config.currency && key.minQuantity === "1")
    return undefined
  return `Shopify keeps one price per variant: only price list "${config.priceList}" in ${config.currency} at quantity 1 is written to this shop; this price is "${key.priceList}" in ${key.currency} from quantity ${key.minQuantity}`
}

interface Resolved {
  readonly item: WriteItem<VariantPricePayload>
  readonly variant: VariantRef
}

const writeProducts = (
  ctx: ShopifyContext,
  groups: ReadonlyArray<ReadonlyArray<Resolved>>,
): Effect.Effect<ReadonlyArray<WriteOutcome>, ConnectorError> =>
  // https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productVariantsBulkUpdate
  shopifyRequest(ctx, {
    operation: "prices.bulkUpdate",
    query: batchMutation(groups.length),
    variables: Object.fromEntries(
      groups.flatMap((group, i) => [
        [`p${i}`, group[0]?.variant.productId],
        [
          `v${i}`,
          group.map(({ item, variant }) => ({
            id: variant.variantId,
            price: item.payload.price,
            compareAtPrice: item.payload.compareAtPrice,
          })),
        ],
      ]),
    ),
    data: BulkUpdateBatch,
  }).pipe(
    Effect.map((data) =>
      groups.flatMap((group, i) => {
        const result = data[`u${i}`]
        return group.map(({ item, variant }, j): WriteOutcome => {
          if (result === undefined || result === null) {
            return rejected(ctx.system, "price", item.naturalKey, "Shopify returned no result for this product")
          }
          // Fields are `["variants", "3", "price"]`: the variant's index in this call, then the field.
          const errors = result.userErrors.filter((e) => {
            const index = userErrorIndex(e, ["variants"])
            return index === j || (index === undefined && e.field?.[0] !== "variants")
          })
          if (errors.length > 0) return rejectedByUserErrors(ctx.system, "price", item.naturalKey, errors, 2)
          return { naturalKey: item.naturalKey, ok: true, externalId: variant.variantId, action: "updated" }
        })
      }),
    ),
  )

export const pricesSink = defineSink<ShopifyConfig, VariantPricePayload>({
  entity: "price",
  description: "Sets variant prices and compare-at prices (productVariantsBulkUpdate)",
  maxBatchSize: 250,
  operations: ["update", "upsert"],
  lookup: (ctx, naturalKeys) => {
    const ours = naturalKeys.filter((key) => notThisShop(ctx.config, key) === undefined)
    return variantsBySku(
      ctx,
      ours.map((key) => parseKey(key).sku),
    ).pipe(
      Effect.map(
        (bySku) =>
          new Map(
            ours.flatMap((key) => {
              const variant = bySku.get(parseKey(key).sku)
              return variant === undefined ? [] : [[key, variant.variantId] as const]
            }),
          ),
      ),
    )
  },
  write: (ctx, items) => {
    const outcomes = new Map<string, WriteOutcome>()
    const ours = items.filter((item) => {
      const reason = notThisShop(ctx.config, item.naturalKey)
      if (reason !== undefined)
        outcomes.set(item.naturalKey, rejected(ctx.system, "price", item.naturalKey, reason, "$.priceList"))
      return reason === undefined
    })
    return variantsBySku(
      ctx,
      ours.map((item) => item.payload.sku),
    ).pipe(
      Effect.flatMap((bySku) => {
        const byProduct = new Map<string, Array<Resolved>>()
        for (const item of ours) {
          const variant = bySku.get(item.payload.sku)
          if (variant === undefined) {
            outcomes.set(
              item.naturalKey,
              rejected(
                ctx.system,
                "price",
                item.naturalKey,
                `SKU ${item.payload.sku} is not in Shopify; publish its product first`,
                "$.sku",
              ),
            )
            continue
          }
          byProduct.set(variant.productId, [...(byProduct.get(variant.productId) ?? []), { item, variant }])
        }
        return Effect.forEach(chunksOf([...byProduct.values()], PRODUCTS_PER_REQUEST), (groups) =>
          writeProducts(ctx, groups),
        )
      }),
      Effect.map((written) => {
        for (const outcome of written.flat()) outcomes.set(outcome.naturalKey, outcome)
        return items.map(
          (item) => outcomes.get(item.naturalKey) ?? rejected(ctx.system, "price", item.naturalKey, "not written"),
        )
      }),
    )
  },
})

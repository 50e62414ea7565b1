/**
 * `productVariantsBulkUpdate` (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productVariantsBulkUpdate):
 * updates variants of one product. With `allowPartialUpdates`, valid variants are saved even
 * when others are rejected; without it, one error saves nothing.
 */

import type { Resolver } from "./context.ts"
import { booleanArg, findProduct, isRecord, stringArg } from "./lookup.ts"
import { timestamp } from "./state.ts"

const DECIMAL = /^\d+(\.\d+)?$/

export const productVariantsBulkUpdate: Resolver = (_source, args, { state, now }) => {
  const product = findProduct(state, stringArg(args, "productId") ?? "")
  if (product === undefined) {
    return {
      product: null,
      productVariants: null,
      userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
    }
  }
  const inputs = Array.isArray(args.variants) ? args.variants.filter(isRecord) : []
  const errors: Array<{ field: Array<string>; message: string; code: string }> = []
  const valid = inputs.flatMap((input, i) => {
    const at = ["variants", String(i)]
    const id = typeof input.id === "string" ? input.id : undefined
    const variant = product.variants.find((v) => v.id === id)
    const problems = [
      ...(id === undefined
        ? [
            {
              field: [...at, "id"],
              message: "Product variant is missing ID attribute",
              code: "PRODUCT_VARIANT_ID_MISSING",
            },
          ]
        : variant === undefined
          ? [
              {
                field: [...at, "id"],
                message: "Product variant does not exist",
                code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
              },
            ]
          : []),
      ...(["price", "compareAtPrice"] as const).flatMap((name) => {
        const value = input[name]
        if (value === undefined || value === null) return []
        if (typeof value === "string" && value.startsWith("-")) {
          return [
            { field: [...at, name], message: "Price must be greater than or equal to 0", code: "NEGATIVE_PRICE_VALUE" },
          ]
        }
        return typeof value === "string" && DECIMAL.test(value)
          ? []
          : [{ field: [...at, name], message: `${name} is not a valid decimal`, code: "INVALID_INPUT" }]
      }),
    ]
    errors.push(...problems)
    return problems.length === 0 && variant !== undefined ? [{ input, variant }] : []
  })
  if (errors.length > 0 && booleanArg(args, "allowPartialUpdates") !== true) {
    return { product, productVariants: [], userErrors: errors }
  }
  const at = timestamp(now)
  for (const { input, variant } of valid) {
    if (typeof input.price === "string") variant.price = input.price
    if (input.compareAtPrice === null || typeof input.compareAtPrice === "string")
      variant.compareAtPrice = input.compareAtPrice
    if (input.barcode === null || typeof input.barcode === "string") variant.barcode = input.barcode
    variant.updatedAt = at
  }
  if (valid.length > 0) product.updatedAt = at
  return { product, productVariants: valid.map((v) => v.variant), userErrors: errors }
}

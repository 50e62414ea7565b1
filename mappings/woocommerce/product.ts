/**
 * WooCommerce product ⇄ canonical Product: the write direction maps to the products sink's
 * payload (rules in `productPayload.ts`), the read direction from the products stream
 * (`productRead.ts`).
 */
import { Schema } from "effect"
import { ProductPayload } from "../../connectors/woocommerce/schemas/product.ts"
import { defineMapping } from "../../core/mapping/index.ts"
import { Product, toInstant } from "../../core/model/index.ts"
import { productFromPayload, productToPayload } from "./productPayload.ts"
import { ProductFromWoo } from "./productRead.ts"

export { productStatusMap } from "./productPayload.ts"

const ProductToWoo = Schema.transformOrFail(ProductPayload, Product, {
  strict: true,
  decode: (payload, _, ast) =>
    // A write payload carries no timestamp: reading one back stamps it with the current time.
    productFromPayload(payload, payload, ast, "variations", (now) => toInstant(new Date(now))),
  encode: (product) => productToPayload(product),
})

/** WooCommerce products ⇄ canonical products (the read side in `productRead.ts`). */
export const productMapping = defineMapping({ entity: "product", read: ProductFromWoo, write: ProductToWoo })

/**
 * WooCommerce product (from the products stream) → canonical Product: the read direction, for
 * shops that are where products are made. The record is brought into the write payload's shape
 * and mapped by the same rules (see `product.ts`); `pending` and `future` products are drafts,
 * a variation that is not published is a draft variant.
 */
import { Effect, Schema } from "effect"
import { gmtInstant } from "../../connectors/woocommerce/schemas/common.ts"
import type { ProductPayload } from "../../connectors/woocommerce/schemas/product.ts"
import { WooProductNode } from "../../connectors/woocommerce/schemas/productRead.ts"
import { Product, toInstant } from "../../core/model/index.ts"
import { productFromPayload, productToPayload } from "./productPayload.ts"

const payloadStatus = (status: string): ProductPayload["status"] =>
  status === "publish" ? "publish" : status === "private" ? "private" : "draft"

const toPayload = (node: WooProductNode): ProductPayload => ({
  type: node.type === "variable" ? "variable" : "simple",
  sku: node.sku,
  name: node.name,
  status: payloadStatus(node.status),
  description: node.description,
  global_unique_id: node.global_unique_id,
  weight: node.weight,
  dimensions: node.dimensions,
  manage_stock: node.type !== "variable",
  categories: node.category_paths,
  attributes: node.attributes.map((a, position) => ({
    name: a.name,
    position,
    visible: true,
    variation: a.variation,
    options: a.options,
  })),
  meta_data: node.meta_data.flatMap((m) => (typeof m.value === "string" ? [{ key: m.key, value: m.value }] : [])),
  variations: node.variation_records.map((v) => ({
    sku: v.sku,
    status: v.status === "publish" ? "publish" : "private",
    description: "",
    global_unique_id: v.global_unique_id,
    attributes: v.attributes,
    weight: v.weight,
    dimensions: v.dimensions,
    manage_stock: true,
    menu_order: v.menu_order,
  })),
})

/** The read direction: a product node from the products stream. */
export const ProductFromWoo = Schema.transformOrFail(WooProductNode, Product, {
  strict: true,
  decode: (node, _, ast) =>
    productFromPayload(toPayload(node), node, ast, "variation_records", () =>
      toInstant(gmtInstant(node.date_modified_gmt)),
    ),
  encode: (product) =>
    productToPayload(product).pipe(
      Effect.map((payload): typeof WooProductNode.Type => ({
        id: 0,
        type: payload.type,
        sku: payload.sku,
        name: payload.name,
        status: payload.status,
        description: payload.description,
        global_unique_id: payload.global_unique_id,
        weight: payload.weight,
        dimensions: payload.dimensions,
        categories: [],
        attributes: payload.attributes.map((a) => ({ name: a.name, options: a.options, variation: a.variation })),
        meta_data: payload.meta_data,
        date_modified_gmt: product.updatedAt.replace(/(\.\d+)?Z$/, ""),
        category_paths: payload.categories,
        variation_records: payload.variations.map((v, i) => ({
          id: i + 1,
          sku: v.sku,
          status: v.status,
          global_unique_id: v.global_unique_id,
          weight: v.weight,
          dimensions: v.dimensions,
          attributes: v.attributes,
          menu_order: v.menu_order,
        })),
      })),
    ),
})

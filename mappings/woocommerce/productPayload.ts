/**
 * Canonical Product ⇄ WooCommerce product payload: the rules both directions share.
 *
 * - A product with one variant and no options is a simple product carrying that variant's SKU;
 *   every other product is variable: its SKU is the product number, each option (Size, Color)
 *   a local attribute used for variations, each variant a variation with the canonical SKU.
 * - Stock is managed per variation (simple: per product); prices and stock quantities are
 *   written by the prices and stock sinks, not here.
 * - The product number is kept in the `esl_product_number` meta entry, for simple products
 *   whose SKU is their variant's.
 * - Status: active → publish, draft → draft, archived → private. Texts in `defaults.locale`.
 * - Categories go as their canonical paths (`All/Apparel`); the sink finds or creates the
 *   nested WooCommerce categories. Media are not written (they need the shop's media library).
 */
import { Clock, Effect, Schema, type SchemaAST } from "effect"
import {
  PRODUCT_NUMBER_META,
  type ProductPayload,
  type VariationPayload,
} from "../../connectors/woocommerce/schemas/product.ts"
import { MappingContext, valueMap } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { type Product, pickLocale, textIn } from "../../core/model/index.ts"
import {
  dimensionsFromShop,
  dimensionsToShop,
  shopDimensionUnit,
  shopWeightUnit,
  weightFromShop,
  weightToShop,
} from "./units.ts"

type ProductEncoded = typeof Product.Encoded
type VariantEncoded = ProductEncoded["variants"][number]

export const productStatusMap = valueMap("WooCommerce product status", [
  ["publish", "active"],
  ["draft", "draft"],
  ["private", "archived"],
])

const GTIN = /^(\d{8}|\d{12,14})$/

const wooStatus = (status: ProductEncoded["status"]) => Schema.encodeSync(productStatusMap)(status)

/**
 * The canonical product of a product payload (the write shape, or a read record brought into
 * it); `variationsKey` names where the variations are in the record, for problem paths.
 */
export const productFromPayload = (
  payload: ProductPayload,
  actual: unknown,
  ast: SchemaAST.AST,
  variationsKey: string,
  updatedAt: (now: number) => string,
) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const problems = new Problems(ast, actual)
    const weightUnit = shopWeightUnit(ctx)
    const dimensionUnit = shopDimensionUnit(ctx)
    const status = Schema.decodeSync(productStatusMap)(payload.status)
    const variant = (
      v: Pick<VariationPayload, "sku" | "global_unique_id" | "weight" | "dimensions">,
      options: ReadonlyArray<{ name: string; option: string }>,
      path: ReadonlyArray<string | number>,
      variantStatus: ProductEncoded["status"],
      position: number,
    ): VariantEncoded => {
      if (v.sku.trim() === "")
        problems.add([...path, "sku"], "a variant needs a SKU to be matched across systems", v.sku)
      const weight = weightFromShop(v.weight, weightUnit)
      const dimensions = dimensionsFromShop(v.dimensions, dimensionUnit)
      return {
        sku: v.sku,
        ...optional("gtin", GTIN.test(v.global_unique_id) ? v.global_unique_id : undefined),
        options: options.map((o) => ({ name: o.name, value: o.option })),
        ...optional("weight", weight),
        ...optional("dimensions", dimensions),
        status: variantStatus,
        position,
      }
    }
    const variants =
      payload.type === "simple"
        ? [variant(payload, [], [], status, 0)]
        : payload.variations.map((v, i) =>
            variant(v, v.attributes, [variationsKey, i], v.status === "publish" ? status : "draft", v.menu_order),
          )
    const [first, ...rest] = variants
    if (first === undefined) problems.add([variationsKey], "a variable product needs at least one variation")
    const now = yield* Clock.currentTimeMillis
    const productNumber = payload.meta_data.find((m) => m.key === PRODUCT_NUMBER_META)?.value ?? payload.sku
    return yield* problems.result(
      (): ProductEncoded => ({
        productNumber,
        title: textIn(ctx.defaults.locale, payload.name),
        ...optional(
          "description",
          payload.description === "" ? undefined : textIn(ctx.defaults.locale, payload.description),
        ),
        categories: [...payload.categories],
        media: [],
        status,
        attributes: {},
        variants: [first!, ...rest],
        updatedAt: updatedAt(now),
      }),
    )
  })

/** The product payload of a canonical product. */
export const productToPayload = (product: typeof Product.Type) =>
  Effect.gen(function* () {
    const ctx = yield* MappingContext
    const weightUnit = shopWeightUnit(ctx)
    const dimensionUnit = shopDimensionUnit(ctx)
    const name = pickLocale(product.title, ctx.defaults.locale) ?? product.productNumber
    const description = pickLocale(product.description, ctx.defaults.locale) ?? ""
    const meta = [{ key: PRODUCT_NUMBER_META, value: product.productNumber }]
    const [only] = product.variants
    if (product.variants.length === 1 && only.options.length === 0) {
      return {
        type: "simple" as const,
        sku: only.sku,
        name,
        status: wooStatus(product.status),
        description,
        global_unique_id: only.gtin ?? "",
        weight: weightToShop(only.weight, weightUnit),
        dimensions: dimensionsToShop(only.dimensions, dimensionUnit),
        manage_stock: true,
        categories: [...product.categories],
        attributes: [],
        meta_data: meta,
        variations: [],
      }
    }
    const names = [...new Set(product.variants.flatMap((v) => v.options.map((o) => o.name)))]
    return {
      type: "variable" as const,
      sku: product.productNumber,
      name,
      status: wooStatus(product.status),
      description,
      global_unique_id: "",
      weight: "",
      dimensions: { length: "", width: "", height: "" },
      // Stock is kept per variation.
      manage_stock: false,
      categories: [...product.categories],
      attributes: names.map((attribute, position) => ({
        name: attribute,
        position,
        visible: true,
        variation: true,
        options: [
          ...new Set(
            product.variants.flatMap((v) => v.options.filter((o) => o.name === attribute).map((o) => o.value)),
          ),
        ],
      })),
      meta_data: meta,
      variations: product.variants.map(
        (v, i): VariationPayload => ({
          sku: v.sku,
          status: v.status === "active" ? "publish" : "private",
          description: "",
          global_unique_id: v.gtin ?? "",
          attributes: v.options.map((o) => ({ name: o.name, option: o.value })),
          weight: weightToShop(v.weight, weightUnit),
          dimensions: dimensionsToShop(v.dimensions, dimensionUnit),
          manage_stock: true,
          menu_order: v.position ?? i,
        }),
      ),
    }
  })

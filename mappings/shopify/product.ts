/**
 * Shopify product ⇄ canonical Product.
 *
 * - The product number is kept exactly in the `esl.product_number` metafield; the handle is its
 *   lower-cased form (what the sink looks products up by). A product made in the Shopify admin
 *   has no metafield; its handle is then its product number.
 * - Shopify has one language: titles decode into `{ [defaults.locale]: text }`.
 * - `productType` and `tags` are attributes; canonical categories are not Shopify collections and
 *   are not written. Only images are media (videos and 3D models are skipped).
 * - A variant without a SKU cannot be matched across systems: the product fails at its path.
 * - Shopify's single-variant products carry the option `Title: Default Title`: canonical `[]`.
 * - Media are not written: `productSet`'s file list replaces all media on every call.
 */
import { Clock, Effect, ParseResult } from "effect"
import { ProductRecord, type ShopifyWeightUnit, type VariantRecord } from "../../connectors/shopify/schemas/product.ts"
import {
  ProductSetPayload,
  productHandle,
  productNumberMetafield,
  type VariantSetInput,
} from "../../connectors/shopify/schemas/productSet.ts"
import { defineMapping, mappingTransform, valueEncoder, valueMap } from "../../core/mapping/index.ts"
import { optional, Problems } from "../../core/mapping/problems.ts"
import { type Attributes, Product, pickLocale, textIn, toInstant } from "../../core/model/index.ts"

type ProductEncoded = typeof Product.Encoded
type VariantEncoded = ProductEncoded["variants"][number]

export const productStatusMap = valueMap("Shopify product status", [
  ["ACTIVE", "active"],
  ["DRAFT", "draft"],
  ["ARCHIVED", "archived"],
])

export const weightUnitMap = valueMap("Shopify weight unit", [
  ["GRAMS", "g"],
  ["KILOGRAMS", "kg"],
  ["POUNDS", "lb"],
  ["OUNCES", "oz"],
])

// Remembered per value: `Schema.encodeSync(map)` per call would re-interpret the schema for every variant.
const shopifyWeightUnit = valueEncoder(weightUnitMap)
const shopifyStatus = valueEncoder(productStatusMap)

const DEFAULT_OPTION = { name: "Title", value: "Default Title" } as const
const GTIN = /^(\d{8}|\d{12,14})$/

const isDefaultOption = (o: { name: string; value: string }) =>
  o.name === DEFAULT_OPTION.name && o.value === DEFAULT_OPTION.value

/** The variant fields both directions share, from a Shopify variant (read node or write input). */
const variantFromShopify = (
  v: {
    readonly sku: string | null
    readonly barcode: string | null
    readonly position: number
    readonly options: ReadonlyArray<{ name: string; value: string }>
    readonly weight: { readonly unit: typeof ShopifyWeightUnit.Type; readonly value: number } | null
  },
  status: ProductEncoded["status"],
  path: ReadonlyArray<string | number>,
  problems: Problems,
): VariantEncoded | undefined => {
  const sku = v.sku?.trim() ?? ""
  if (sku === "") {
    problems.add([...path, "sku"], "a variant needs a SKU to be matched across systems", v.sku)
    return undefined
  }
  const barcode = v.barcode?.trim() ?? ""
  // Shopify's weight is 0 when nobody entered one; 0 is no weight, not a weightless item.
  const unit =
    v.weight === null || v.weight.value <= 0
      ? undefined
      : problems.mapValue([...path, "weight", "unit"], weightUnitMap, v.weight.unit)
  const attributes: Attributes = barcode !== "" && !GTIN.test(barcode) ? { barcode } : {}
  return {
    sku,
    ...optional("gtin", GTIN.test(barcode) ? barcode : undefined),
    options: v.options.filter((o) => !isDefaultOption(o)).map((o) => ({ name: o.name, value: o.value })),
    ...optional("weight", unit === undefined || v.weight === null ? undefined : { value: v.weight.value, unit }),
    status,
    position: Math.max(0, v.position - 1),
    ...optional("attributes", Object.keys(attributes).length > 0 ? attributes : undefined),
  }
}

const nonEmpty = <A>(items: ReadonlyArray<A>): readonly [A, ...Array<A>] | undefined => {
  const [first, ...rest] = items
  return first === undefined ? undefined : [first, ...rest]
}

const attributesFromShopify = (productType: string, tags: ReadonlyArray<string>): Attributes => ({
  ...(productType === "" ? {} : { productType }),
  ...(tags.length === 0 ? {} : { tags: [...tags] }),
})

const stringAttribute = (attributes: Attributes | undefined, key: string): string | undefined => {
  const value = attributes?.[key]
  return typeof value === "string" ? value : undefined
}
/** A copy of a list attribute (a payload's own array), or an empty list. */
const listAttribute = (attributes: Attributes | undefined, key: string): Array<string> => {
  const value = attributes?.[key]
  return Array.isArray(value) ? value.slice() : []
}

const shopifyOptions = (variant: VariantEncoded) => (variant.options.length === 0 ? [DEFAULT_OPTION] : variant.options)
const shopifyWeight = (variant: VariantEncoded) =>
  variant.weight === undefined ? null : { unit: shopifyWeightUnit(variant.weight.unit), value: variant.weight.value }
const shopifyBarcode = (variant: VariantEncoded) =>
  variant.gtin ?? stringAttribute(variant.attributes, "barcode") ?? null

/** The read direction: a product node from the products stream. */
const ProductFromShopify = mappingTransform(ProductRecord, Product, {
  decode: (node, { defaults }, ast) => {
    const problems = new Problems(ast, node)
    const status = problems.mapValue(["status"], productStatusMap, node.status) ?? "draft"
    const variants = node.variants.nodes.map((v: VariantRecord, i) =>
      variantFromShopify(
        { ...v, options: v.selectedOptions, weight: v.inventoryItem.measurement.weight },
        status,
        ["variants", "nodes", i],
        problems,
      ),
    )
    const allVariants = nonEmpty(variants.flatMap((v) => (v === undefined ? [] : [v])))
    if (variants.length === 0) problems.add(["variants", "nodes"], "a product needs at least one variant")
    const updatedAt = problems.attempt(["updatedAt"], () => toInstant(node.updatedAt))
    const images = node.media.nodes.flatMap((m) => (m.image ? [{ url: m.image.url, alt: m.alt }] : []))
    return problems.result(
      (): ProductEncoded => ({
        productNumber: node.productNumber?.value ?? node.handle,
        title: textIn(defaults.locale, node.title),
        ...optional(
          "description",
          node.descriptionHtml === "" ? undefined : textIn(defaults.locale, node.descriptionHtml),
        ),
        ...optional("brand", node.vendor === "" ? undefined : node.vendor),
        categories: [],
        media: images.map((image, position) => ({
          url: image.url,
          ...optional("alt", image.alt === null ? undefined : textIn(defaults.locale, image.alt)),
          position,
        })),
        status,
        attributes: attributesFromShopify(node.productType, node.tags),
        // Only built without problems, so every variant mapped and there is at least one.
        variants: allVariants!,
        updatedAt: updatedAt ?? node.updatedAt,
      }),
    )
  },
  encode: (product, { defaults }) =>
    ParseResult.succeed({
      handle: productHandle(product.productNumber),
      productNumber: { value: product.productNumber },
      title: pickLocale(product.title, defaults.locale) ?? "",
      descriptionHtml: pickLocale(product.description, defaults.locale) ?? "",
      vendor: product.brand ?? "",
      productType: stringAttribute(product.attributes, "productType") ?? "",
      tags: listAttribute(product.attributes, "tags"),
      status: shopifyStatus(product.status),
      updatedAt: product.updatedAt,
      media: {
        nodes: [...product.media]
          .sort((a, b) => a.position - b.position)
          .map((m) => ({
            alt: pickLocale(m.alt, defaults.locale) ?? null,
            mediaContentType: "IMAGE",
            image: { url: m.url },
          })),
      },
      variants: {
        nodes: product.variants.map((v, i) => ({
          sku: v.sku,
          barcode: shopifyBarcode(v),
          position: (v.position ?? i) + 1,
          selectedOptions: shopifyOptions(v),
          inventoryItem: { measurement: { weight: shopifyWeight(v) } },
        })),
      },
    }),
})

/** Shopify allows three options per product, and every variant must have a value for each. */
const optionProblems = (product: ProductEncoded, problems: Problems): ReadonlyArray<string> => {
  const first = product.variants[0].options
  const names = first.map((o) => o.name)
  if (names.length > 3) problems.add(["variants", 0, "options"], "Shopify allows at most 3 options per product")
  // Plain loops: this runs for every variant of every product written.
  for (let i = 1; i < product.variants.length; i++) {
    const own = (product.variants[i] as VariantEncoded).options
    let same = own.length === first.length
    for (let j = 0; same && j < own.length; j++) same = own[j]?.name === first[j]?.name
    if (!same) {
      problems.add(["variants", i, "options"], `Shopify needs the same options on every variant: ${names.join(", ")}`)
    }
  }
  return names
}

/** The distinct values of the option at `position` over a product's variants, in first-seen order. */
const optionValuesAt = (variants: ReadonlyArray<VariantEncoded>, position: number) => {
  const values: Array<{ name: string }> = []
  for (const variant of variants) {
    const value = shopifyOptions(variant)[position]?.value ?? ""
    // A product has a handful of values per option: a scan is cheaper than a Set per option.
    let seen = false
    for (let i = 0; !seen && i < values.length; i++) seen = (values[i] as { name: string }).name === value
    if (!seen) values.push({ name: value })
  }
  return values
}

const variantSetInput = (v: VariantEncoded, i: number): VariantSetInput => ({
  sku: v.sku,
  barcode: shopifyBarcode(v),
  position: (v.position ?? i) + 1,
  optionValues:
    v.options.length === 0
      ? [{ optionName: DEFAULT_OPTION.name, name: DEFAULT_OPTION.value }]
      : v.options.map((o) => ({ optionName: o.name, name: o.value })),
  inventoryItem: { tracked: true, measurement: { weight: shopifyWeight(v) } },
})

/**
 * The write direction: a `productSet` input for the products sink. The bodies return Eithers, so
 * the compiled fast path runs the hot direction (encode) without the Effect runtime.
 */
const ProductToShopify = mappingTransform(ProductSetPayload, Product, {
  decode: (input, { defaults }, ast) => {
    const problems = new Problems(ast, input)
    const status = problems.mapValue(["status"], productStatusMap, input.status) ?? "draft"
    const variants = input.variants.map((v, i) =>
      variantFromShopify(
        {
          ...v,
          options: v.optionValues.map((o) => ({ name: o.optionName, value: o.name })),
          weight: v.inventoryItem.measurement.weight,
        },
        status,
        ["variants", i],
        problems,
      ),
    )
    const allVariants = nonEmpty(variants.flatMap((v) => (v === undefined ? [] : [v])))
    if (variants.length === 0) problems.add(["variants"], "a product needs at least one variant")
    const productNumber = input.metafields.find(
      (m) => m.namespace === productNumberMetafield.namespace && m.key === productNumberMetafield.key,
    )?.value
    // A write payload carries no timestamp: reading one back stamps it with the current time.
    return Effect.flatMap(Clock.currentTimeMillis, (now) =>
      problems.result(
        (): ProductEncoded => ({
          productNumber: productNumber ?? input.handle,
          title: textIn(defaults.locale, input.title),
          ...optional(
            "description",
            input.descriptionHtml === "" ? undefined : textIn(defaults.locale, input.descriptionHtml),
          ),
          ...optional("brand", input.vendor === "" ? undefined : input.vendor),
          categories: [],
          media: [],
          status,
          attributes: attributesFromShopify(input.productType, input.tags),
          // Only built without problems, so every variant mapped and there is at least one.
          variants: allVariants!,
          updatedAt: toInstant(new Date(now)),
        }),
      ),
    )
  },
  encode: (product, { defaults }, ast) => {
    const problems = new Problems(ast, product)
    const names = optionProblems(product, problems)
    const optionNames = names.length === 0 ? [DEFAULT_OPTION.name] : names
    return problems.result(() => ({
      handle: productHandle(product.productNumber),
      title: pickLocale(product.title, defaults.locale) ?? product.productNumber,
      descriptionHtml: pickLocale(product.description, defaults.locale) ?? "",
      vendor: product.brand ?? "",
      productType: stringAttribute(product.attributes, "productType") ?? "",
      tags: listAttribute(product.attributes, "tags"),
      status: shopifyStatus(product.status),
      metafields: [
        {
          namespace: productNumberMetafield.namespace,
          key: productNumberMetafield.key,
          type: productNumberMetafield.type,
          value: product.productNumber,
        },
      ],
      productOptions: optionNames.map((name, i) => ({
        name,
        position: i + 1,
        values: optionValuesAt(product.variants, i),
      })),
      variants: product.variants.map(variantSetInput),
    }))
  },
})

/** Shopify products ⇄ canonical products. */
export const productMapping = defineMapping({ entity: "product", read: ProductFromShopify, write: ProductToShopify })

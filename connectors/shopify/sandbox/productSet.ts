/**
 * `productSet` (https://shopify.dev/docs/api/admin-graphql/2025-01/mutations/productSet):
 * creates a product, or updates the one named by `input.id`, to exactly the given state. The
 * variant list is a set: variants named by id are updated, variants without one created, the
 * product's other variants deleted (with their inventory). Invalid input comes back as `userErrors` with `field` paths and
 * nothing changes.
 *
 * Stricter than Shopify on one point: a SKU another product already uses is refused, as the
 * hub refuses it (Shopify itself allows duplicate SKUs and leaves the mess to the merchant).
 */

import type { Resolver } from "./context.ts"
import { type Args, findProduct, isRecord } from "./lookup.ts"
import {
  nextGid,
  type SandboxProduct,
  type SandboxVariant,
  type SandboxWeight,
  type ShopifySandboxState,
  timestamp,
} from "./state.ts"

interface UserError {
  readonly field: ReadonlyArray<string>
  readonly message: string
  readonly code: string
}

const DECIMAL = /^\d+(\.\d+)?$/
const STATUSES = ["ACTIVE", "DRAFT", "ARCHIVED"] as const
const WEIGHT_UNITS = ["KILOGRAMS", "GRAMS", "POUNDS", "OUNCES"] as const

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)
const records = (value: unknown): ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter(isRecord) : []

const slug = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")

interface VariantInput {
  readonly index: number
  readonly id: string | undefined
  readonly sku: string | undefined
  readonly barcode: string | null | undefined
  readonly price: string | undefined
  readonly compareAtPrice: string | null | undefined
  readonly position: number | undefined
  readonly options: ReadonlyArray<{ name: string; value: string }>
  readonly weight: SandboxWeight | null | undefined
  readonly tracked: boolean | undefined
}

const variantInputs = (input: Args): ReadonlyArray<VariantInput> =>
  records(input.variants).map((v, index) => {
    const item = isRecord(v.inventoryItem) ? v.inventoryItem : {}
    const measurement = isRecord(item.measurement) ? item.measurement : undefined
    const weight = measurement === undefined ? undefined : isRecord(measurement.weight) ? measurement.weight : null
    const unit = WEIGHT_UNITS.find((u) => u === weight?.unit)
    return {
      index,
      id: text(v.id),
      sku: text(v.sku) ?? text(item.sku),
      barcode: v.barcode === null ? null : text(v.barcode),
      price: text(v.price),
      compareAtPrice: v.compareAtPrice === null ? null : text(v.compareAtPrice),
      position: typeof v.position === "number" ? v.position : undefined,
      options: records(v.optionValues).map((o) => ({ name: text(o.optionName) ?? "", value: text(o.name) ?? "" })),
      weight:
        weight === undefined
          ? undefined
          : weight === null || unit === undefined || typeof weight.value !== "number"
            ? null
            : { unit, value: weight.value },
      tracked: typeof item.tracked === "boolean" ? item.tracked : undefined,
    }
  })

const validate = (
  state: ShopifySandboxState,
  input: Args,
  existing: SandboxProduct | undefined,
  variants: ReadonlyArray<VariantInput>,
): ReadonlyArray<UserError> => {
  const errors: Array<UserError> = []
  const title = text(input.title)
  if ((existing === undefined || title !== undefined) && (title ?? "").trim() === "") {
    errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID_PRODUCT" })
  }
  const handle = text(input.handle)
  if (handle !== undefined && state.products.some((p) => p.handle === handle && p.id !== existing?.id)) {
    errors.push({
      field: ["input", "handle"],
      message: `Handle '${handle}' already in use. Please provide a new handle.`,
      code: "HANDLE_NOT_UNIQUE",
    })
  }
  const options = records(input.productOptions)
  if (input.variants !== undefined && input.productOptions === undefined) {
    errors.push({
      field: ["input", "productOptions"],
      message: "Product options input is required when updating variants.",
      code: "PRODUCT_OPTIONS_INPUT_MISSING",
    })
  }
  if (options.length > 3) {
    errors.push({
      field: ["input", "productOptions"],
      message: "Can only specify a maximum of 3 options",
      code: "OPTIONS_OVER_LIMIT",
    })
  }
  const optionValues = new Map(
    options.map((o) => [text(o.name) ?? "", new Set(records(o.values).map((v) => text(v.name) ?? ""))]),
  )
  const combinations = new Set<string>()
  const skus = new Map<string, number>()
  for (const v of variants) {
    const at = ["input", "variants", String(v.index)]
    for (const o of v.options) {
      const known = optionValues.get(o.name)
      if (known === undefined) {
        errors.push({
          field: [...at, "optionValues"],
          message: `Option '${o.name}' does not exist`,
          code: "OPTION_DOES_NOT_EXIST",
        })
      } else if (!known.has(o.value)) {
        errors.push({
          field: [...at, "optionValues"],
          message: `Option value '${o.value}' does not exist`,
          code: "OPTION_VALUE_DOES_NOT_EXIST",
        })
      }
    }
    const combination = JSON.stringify(v.options)
    if (combinations.has(combination)) {
      errors.push({ field: [...at, "optionValues"], message: "The variant already exists.", code: "INVALID_VARIANT" })
    }
    combinations.add(combination)
    for (const [name, value] of [
      ["price", v.price],
      ["compareAtPrice", v.compareAtPrice],
    ] as const) {
      if (typeof value === "string" && !DECIMAL.test(value)) {
        errors.push({
          field: [...at, name],
          message: `${name === "price" ? "Price" : "Compare at price"} must be a non-negative decimal`,
          code: "INVALID_VARIANT",
        })
      }
    }
    if (v.sku === undefined || v.sku === "") continue
    const twin = skus.get(v.sku)
    if (twin !== undefined) {
      errors.push({
        field: [...at, "sku"],
        message: `SKU '${v.sku}' is used by variant ${twin + 1} of this input`,
        code: "DUPLICATED_VALUE",
      })
    }
    skus.set(v.sku, v.index)
    const owner = state.products.find((p) => p.id !== existing?.id && p.variants.some((x) => x.sku === v.sku))
    if (owner !== undefined) {
      errors.push({
        field: [...at, "sku"],
        message: `SKU '${v.sku}' is already used by product '${owner.title}'`,
        code: "INVALID_VARIANT",
      })
    }
  }
  return errors
}

const setVariants = (
  state: ShopifySandboxState,
  product: SandboxProduct,
  inputs: ReadonlyArray<VariantInput>,
  now: string,
): Array<SandboxVariant> => {
  const unmatched = [...product.variants]
  const take = (match: (v: SandboxVariant) => boolean) => {
    const i = unmatched.findIndex(match)
    return i < 0 ? undefined : unmatched.splice(i, 1)[0]
  }
  const variants = inputs.map((input, i): SandboxVariant => {
    // Only an id keeps a variant; without one it is a new variant (and the old one is deleted).
    const found = input.id === undefined ? undefined : take((v) => v.id === input.id)
    const itemId = found?.inventoryItem.id ?? nextGid(state, "InventoryItem")
    return {
      id: found?.id ?? nextGid(state, "ProductVariant"),
      title: input.options.map((o) => o.value).join(" / "),
      sku: input.sku ?? found?.sku ?? null,
      barcode: input.barcode === undefined ? (found?.barcode ?? null) : input.barcode,
      position: input.position ?? i + 1,
      price: input.price ?? found?.price ?? "0.00",
      compareAtPrice: input.compareAtPrice === undefined ? (found?.compareAtPrice ?? null) : input.compareAtPrice,
      taxable: found?.taxable ?? true,
      selectedOptions: input.options.map((o) => ({ ...o })),
      inventoryItem: {
        id: itemId,
        tracked: input.tracked ?? found?.inventoryItem.tracked ?? false,
        measurement: {
          id: itemId.replace("InventoryItem", "InventoryItemMeasurement"),
          weight: input.weight === undefined ? (found?.inventoryItem.measurement.weight ?? null) : input.weight,
        },
        createdAt: found?.inventoryItem.createdAt ?? now,
        updatedAt: now,
      },
      createdAt: found?.createdAt ?? now,
      updatedAt: now,
    }
  })
  // Variants not in the input are deleted, and their stock with them.
  const gone = new Set(unmatched.map((v) => v.inventoryItem.id))
  state.inventoryLevels = state.inventoryLevels.filter((l) => !gone.has(l.itemId))
  return variants.sort((a, b) => a.position - b.position)
}

const apply = (
  state: ShopifySandboxState,
  input: Args,
  existing: SandboxProduct | undefined,
  now: string,
): SandboxProduct => {
  const title = text(input.title) ?? existing?.title ?? ""
  const product: SandboxProduct = existing ?? {
    id: nextGid(state, "Product"),
    handle: "",
    title,
    descriptionHtml: "",
    vendor: "",
    productType: "",
    tags: [],
    status: "ACTIVE",
    metafields: [],
    media: [],
    options: [],
    variants: [],
    createdAt: now,
    updatedAt: now,
  }
  product.title = title
  product.handle = text(input.handle) ?? (product.handle === "" ? slug(title) : product.handle)
  product.descriptionHtml = text(input.descriptionHtml) ?? product.descriptionHtml
  product.vendor = text(input.vendor) ?? product.vendor
  product.productType = text(input.productType) ?? product.productType
  if (Array.isArray(input.tags)) product.tags = input.tags.filter((t): t is string => typeof t === "string")
  product.status = STATUSES.find((s) => s === input.status) ?? product.status
  for (const m of records(input.metafields)) {
    const namespace = text(m.namespace) ?? "$app"
    const key = text(m.key) ?? ""
    const current = product.metafields.find((x) => x.namespace === namespace && x.key === key)
    if (current !== undefined) current.value = text(m.value) ?? current.value
    else
      product.metafields.push({
        id: nextGid(state, "Metafield"),
        namespace,
        key,
        type: text(m.type) ?? "single_line_text_field",
        value: text(m.value) ?? "",
      })
  }
  if (input.productOptions !== undefined) {
    product.options = records(input.productOptions).map((o, i) => ({
      id: product.options.find((x) => x.name === text(o.name))?.id ?? nextGid(state, "ProductOption"),
      name: text(o.name) ?? "",
      position: typeof o.position === "number" ? o.position : i + 1,
      values: records(o.values).map((v) => text(v.name) ?? ""),
    }))
  }
  if (input.variants !== undefined) product.variants = setVariants(state, product, variantInputs(input), now)
  product.updatedAt = now
  if (existing === undefined) state.products.push(product)
  return product
}

export const productSet: Resolver = (_source, args, { state, now }) => {
  const input = isRecord(args.input) ? args.input : {}
  const id = text(input.id)
  const existing = id === undefined ? undefined : findProduct(state, id)
  if (id !== undefined && existing === undefined) {
    return {
      product: null,
      productSetOperation: null,
      userErrors: [{ field: ["input", "id"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
    }
  }
  const errors = validate(state, input, existing, variantInputs(input))
  if (errors.length > 0) return { product: null, productSetOperation: null, userErrors: errors }
  return { product: apply(state, input, existing, timestamp(now)), productSetOperation: null, userErrors: [] }
}

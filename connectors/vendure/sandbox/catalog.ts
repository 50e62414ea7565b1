/**
 * Products, option groups and variants as Vendure's Admin API serves and changes them: the
 * queries `product`, `products`, `productVariants`; the mutations `createProduct`,
 * `updateProduct`, `createProductOptionGroup`, `createProductOption`,
 * `addOptionGroupToProduct`, `createProductVariants`, `updateProductVariants`, with Vendure's
 * checks (an option of each group, no two variants with the same options, unknown ids) and its
 * messages.
 */
import { slugOf } from "../schemas/slug.ts"
import {
  type Args,
  entityNotFound,
  isRecord,
  type Resolver,
  type SandboxContext,
  timestamp,
  translationFor,
  userInputError,
} from "./context.ts"
import { listOf } from "./listQuery.ts"
import { nextId, type SandboxProduct, type SandboxVariant, type VendureSandboxState } from "./state.ts"

const productFields = {
  id: (p: SandboxProduct) => p.id,
  slug: (p: SandboxProduct) => p.slug,
  name: (p: SandboxProduct) => p.name,
  enabled: (p: SandboxProduct) => p.enabled,
  createdAt: (p: SandboxProduct) => p.createdAt,
  updatedAt: (p: SandboxProduct) => p.updatedAt,
}

const variantFields = {
  id: (v: SandboxVariant) => v.id,
  sku: (v: SandboxVariant) => v.sku,
  name: (v: SandboxVariant) => v.name,
  enabled: (v: SandboxVariant) => v.enabled,
  productId: (v: SandboxVariant) => v.productId,
  price: (v: SandboxVariant) => v.price,
  stockOnHand: (v: SandboxVariant) => v.stockOnHand,
  createdAt: (v: SandboxVariant) => v.createdAt,
  updatedAt: (v: SandboxVariant) => v.updatedAt,
}

/** Net and gross of a price as entered, by the channel's setting (Vendure rounds to whole minor units). */
const pricesOf = (state: VendureSandboxState, entered: number) => {
  const factor = 1 + state.channel.taxRate / 100
  return state.channel.pricesIncludeTax
    ? { price: Math.round(entered / factor), priceWithTax: entered }
    : { price: entered, priceWithTax: Math.round(entered * factor) }
}

const uniqueSlug = (state: VendureSandboxState, wanted: string, self?: string): string => {
  const base = slugOf(wanted)
  let slug = base
  for (let n = 2; state.products.some((p) => p.slug === slug && p.id !== self); n++) slug = `${base}-${n}`
  return slug
}

const productOf = (state: VendureSandboxState, id: unknown): SandboxProduct => {
  const product = state.products.find((p) => p.id === String(id))
  if (product === undefined) throw entityNotFound("Product", id)
  return product
}

const optionGroupOf = (state: VendureSandboxState, id: unknown) => {
  const group = state.optionGroups.find((g) => g.id === String(id))
  if (group === undefined) throw entityNotFound("ProductOptionGroup", id)
  return group
}

const stringArray = (value: unknown): Array<string> => (Array.isArray(value) ? value.map(String) : [])

/** Vendure's validateVariantOptionIds: one option of each of the product's groups, and a new combination. */
const checkOptions = (
  state: VendureSandboxState,
  product: SandboxProduct,
  optionIds: Array<string>,
  update: boolean,
) => {
  const groups = product.optionGroupIds.map((id) => optionGroupOf(state, id))
  const incompatible = () =>
    userInputError(
      `ProductVariant optionIds must include one optionId from each of the groups: ${groups
        .map((g) => g.code)
        .sort()
        .join(", ")}`,
    )
  if (optionIds.length !== groups.length) throw incompatible()
  if (!groups.every((g) => g.options.some((o) => optionIds.includes(o.id)))) throw incompatible()
  if (update) return
  const wanted = [...optionIds].sort().join(",")
  const clash = state.variants.find((v) => v.productId === product.id && [...v.optionIds].sort().join(",") === wanted)
  if (clash !== undefined)
    throw userInputError(`A ProductVariant with the selected options already exists: ${clash.name}`)
}

const createProduct: Resolver = (_source, args, ctx) => {
  const input = isRecord(args.input) ? args.input : {}
  const translation = translationFor(input.translations, ctx.state.channel.defaultLanguageCode) ?? {}
  const at = timestamp(ctx.now)
  const product: SandboxProduct = {
    id: nextId(ctx.state, "product"),
    slug: uniqueSlug(ctx.state, String(translation.slug ?? translation.name ?? "")),
    name: String(translation.name ?? ""),
    description: String(translation.description ?? ""),
    enabled: input.enabled !== false,
    optionGroupIds: [],
    createdAt: at,
    updatedAt: at,
  }
  ctx.state.products.push(product)
  return product
}

const updateProduct: Resolver = (_source, args, ctx) => {
  const input = isRecord(args.input) ? args.input : {}
  const product = productOf(ctx.state, input.id)
  const translation = translationFor(input.translations, ctx.state.channel.defaultLanguageCode)
  if (typeof input.enabled === "boolean") product.enabled = input.enabled
  if (translation !== undefined) {
    if (typeof translation.name === "string") product.name = translation.name
    if (typeof translation.description === "string") product.description = translation.description
    if (typeof translation.slug === "string") product.slug = uniqueSlug(ctx.state, translation.slug, product.id)
  }
  product.updatedAt = timestamp(ctx.now)
  return product
}

const createProductOptionGroup: Resolver = (_source, args, ctx) => {
  const input = isRecord(args.input) ? args.input : {}
  const language = ctx.state.channel.defaultLanguageCode
  const id = nextId(ctx.state, "optionGroup")
  const group = {
    id,
    code: String(input.code ?? ""),
    name: String(translationFor(input.translations, language)?.name ?? input.code ?? ""),
    options: (Array.isArray(input.options) ? input.options.filter(isRecord) : []).map((option) => ({
      id: nextId(ctx.state, "option"),
      code: String(option.code ?? ""),
      name: String(translationFor(option.translations, language)?.name ?? option.code ?? ""),
      groupId: id,
    })),
  }
  ctx.state.optionGroups.push(group)
  return group
}

const createProductOption: Resolver = (_source, args, ctx) => {
  const input = isRecord(args.input) ? args.input : {}
  const group = optionGroupOf(ctx.state, input.productOptionGroupId)
  const option = {
    id: nextId(ctx.state, "option"),
    code: String(input.code ?? ""),
    name: String(translationFor(input.translations, ctx.state.channel.defaultLanguageCode)?.name ?? input.code ?? ""),
    groupId: group.id,
  }
  group.options.push(option)
  return option
}

const addOptionGroupToProduct: Resolver = (_source, args, ctx) => {
  const product = productOf(ctx.state, args.productId)
  const group = optionGroupOf(ctx.state, args.optionGroupId)
  // Idempotent in Vendure 3.7: linking a linked group again changes nothing.
  if (!product.optionGroupIds.includes(group.id)) product.optionGroupIds.push(group.id)
  return product
}

const createProductVariants: Resolver = (_source, args, ctx) => {
  const inputs = Array.isArray(args.input) ? args.input.filter(isRecord) : []
  const at = timestamp(ctx.now)
  return inputs.map((input) => {
    const product = productOf(ctx.state, input.productId)
    const optionIds = stringArray(input.optionIds)
    checkOptions(ctx.state, product, optionIds, false)
    const variant: SandboxVariant = {
      id: nextId(ctx.state, "variant"),
      productId: product.id,
      sku: String(input.sku ?? ""),
      name: String(translationFor(input.translations, ctx.state.channel.defaultLanguageCode)?.name ?? ""),
      enabled: input.enabled !== false,
      price: typeof input.price === "number" ? input.price : 0,
      stockOnHand: typeof input.stockOnHand === "number" ? input.stockOnHand : 0,
      stockAllocated: 0,
      trackInventory: typeof input.trackInventory === "string" ? input.trackInventory : "INHERIT",
      optionIds,
      createdAt: at,
      updatedAt: at,
    }
    ctx.state.variants.push(variant)
    return variant
  })
}

const updateProductVariants: Resolver = (_source, args, ctx) => {
  const inputs = Array.isArray(args.input) ? args.input.filter(isRecord) : []
  // Vendure runs the list in one transaction: one unknown id fails it before anything changes.
  const targets = inputs.map((input) => {
    const variant = ctx.state.variants.find((v) => v.id === String(input.id))
    if (variant === undefined) throw entityNotFound("ProductVariant", input.id)
    return { input, variant }
  })
  for (const { input, variant } of targets) {
    if (Array.isArray(input.optionIds))
      checkOptions(ctx.state, productOf(ctx.state, variant.productId), stringArray(input.optionIds), true)
  }
  for (const { input, variant } of targets) {
    const name = translationFor(input.translations, ctx.state.channel.defaultLanguageCode)?.name
    if (typeof name === "string") variant.name = name
    if (typeof input.enabled === "boolean") variant.enabled = input.enabled
    if (typeof input.sku === "string") variant.sku = input.sku
    if (typeof input.price === "number") variant.price = input.price
    if (typeof input.stockOnHand === "number") variant.stockOnHand = input.stockOnHand
    if (Array.isArray(input.optionIds)) variant.optionIds = stringArray(input.optionIds)
    variant.updatedAt = timestamp(ctx.now)
  }
  return targets.map((t) => t.variant)
}

// Resolvers get back the very objects the state holds.
const variantOf = (source: unknown, ctx: SandboxContext): SandboxVariant | undefined =>
  ctx.state.variants.find((v) => v === source)

/** The catalog's resolvers, by `Type.field`. */
export const catalogResolvers: Readonly<Record<string, Resolver>> = {
  "Query.product": (_s, args: Args, ctx) =>
    ctx.state.products.find((p) =>
      args.id !== undefined && args.id !== null ? p.id === String(args.id) : p.slug === String(args.slug),
    ) ?? null,
  "Query.products": (_s, args, ctx) => listOf(ctx.state.products, args.options, productFields),
  "Query.productVariants": (_s, args, ctx) =>
    listOf(
      ctx.state.variants.filter(
        (v) => args.productId === undefined || args.productId === null || v.productId === String(args.productId),
      ),
      args.options,
      variantFields,
    ),
  "Mutation.createProduct": createProduct,
  "Mutation.updateProduct": updateProduct,
  "Mutation.createProductOptionGroup": createProductOptionGroup,
  "Mutation.createProductOption": createProductOption,
  "Mutation.addOptionGroupToProduct": addOptionGroupToProduct,
  "Mutation.createProductVariants": createProductVariants,
  "Mutation.updateProductVariants": updateProductVariants,
  "Product.variants": (source, _a, ctx) =>
    isRecord(source) ? ctx.state.variants.filter((v) => v.productId === source.id) : [],
  "Product.optionGroups": (source, _a, ctx) =>
    isRecord(source) && Array.isArray(source.optionGroupIds)
      ? source.optionGroupIds.flatMap((id) => ctx.state.optionGroups.filter((g) => g.id === id))
      : [],
  "ProductVariant.price": (source, _a, ctx) => pricesOf(ctx.state, variantOf(source, ctx)?.price ?? 0).price,
  "ProductVariant.priceWithTax": (source, _a, ctx) =>
    pricesOf(ctx.state, variantOf(source, ctx)?.price ?? 0).priceWithTax,
  "ProductVariant.currencyCode": (_s, _a, ctx) => ctx.state.channel.defaultCurrencyCode,
  "ProductVariant.product": (source, _a, ctx) =>
    ctx.state.products.find((p) => p.id === variantOf(source, ctx)?.productId),
  "ProductVariant.options": (source, _a, ctx) => {
    const ids = variantOf(source, ctx)?.optionIds ?? []
    return ctx.state.optionGroups.flatMap((g) => g.options).filter((o) => ids.includes(o.id))
  },
  "ProductVariant.stockLevels": (source, _a, ctx) => {
    const variant = variantOf(source, ctx)
    if (variant === undefined) return []
    return [
      {
        id: variant.id,
        stockLocationId: "1",
        stockLocation: { id: "1", name: "Default Stock Location" },
        stockOnHand: variant.stockOnHand,
        stockAllocated: variant.stockAllocated,
      },
    ]
  },
  "ProductOption.group": (source, _a, ctx) =>
    isRecord(source) ? ctx.state.optionGroups.find((g) => g.id === source.groupId) : undefined,
}

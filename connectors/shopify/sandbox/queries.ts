/**
 * The sandbox's query side: the root list and record queries it supports (with search, sort
 * and paging), and the fields it computes or looks up instead of storing.
 */
import { gidNumber } from "../schemas/common.ts"
import { byId, connectionOf, type SortKey } from "./connection.ts"
import { pageArgs, type Resolver } from "./context.ts"
import {
  type Args,
  booleanArg,
  customerByEmail,
  findItem,
  findLevel,
  findLocation,
  findNode,
  findProduct,
  isRecord,
  stringArg,
  stringListArg,
  variantOfItem,
} from "./lookup.ts"
import { type FieldValues, matchesSearch, parseSearch } from "./search.ts"
import { availableOf, type SandboxInventoryLevel, type SandboxVariant, type ShopifySandboxState } from "./state.ts"

const time = (value: string): number => Date.parse(value)

/** The sort keys the sandbox supports; any other sorts by id (as RELEVANCE without a query does). */
const sortKeyOf =
  (sortKey: string | undefined) =>
  (record: {
    readonly id: string
    readonly updatedAt?: string
    readonly createdAt?: string
    readonly processedAt?: string
    readonly title?: string
    readonly name?: string
  }): SortKey => {
    const id = gidNumber(record.id)
    switch (sortKey) {
      case "UPDATED_AT":
        return [time(record.updatedAt ?? ""), id]
      case "CREATED_AT":
        return [time(record.createdAt ?? ""), id]
      case "PROCESSED_AT":
        return [time(record.processedAt ?? ""), id]
      case "TITLE":
        return [(record.title ?? "").toLowerCase(), id]
      case "NAME":
        return [(record.name ?? "").toLowerCase(), id]
      default:
        return [0, id]
    }
  }

const listQuery = <T extends { readonly id: string }>(
  records: ReadonlyArray<T>,
  args: Args,
  fields: (record: T) => FieldValues,
  keyOf: (record: T) => SortKey = sortKeyOf(stringArg(args, "sortKey")),
) => {
  const search = parseSearch(stringArg(args, "query"))
  return connectionOf(
    records.filter((r) => matchesSearch(search, fields(r))),
    pageArgs(args),
    keyOf,
  )
}

const values =
  (
    table: Readonly<Record<string, ReadonlyArray<string | number | boolean | null> | string | number | boolean | null>>,
  ): FieldValues =>
  (field) => {
    if (!Object.hasOwn(table, field)) return undefined
    const value = table[field]
    return Array.isArray(value) ? value : [value ?? null]
  }

const variantsWithProduct = (state: ShopifySandboxState) =>
  state.products.flatMap((product) => product.variants.map((variant) => ({ ...variant, product })))

const levelOut = (level: SandboxInventoryLevel) => ({ ...level, __typename: "InventoryLevel" })

const queryRoot: Readonly<Record<string, Resolver>> = {
  shop: (_s, _a, { state }) => state.shop,
  products: (_s, args, { state }) =>
    listQuery(state.products, args, (p) =>
      values({
        id: Number(gidNumber(p.id)),
        title: p.title,
        handle: p.handle,
        status: p.status.toLowerCase(),
        vendor: p.vendor,
        product_type: p.productType,
        tag: p.tags,
        sku: p.variants.map((v) => v.sku),
        barcode: p.variants.map((v) => v.barcode),
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      }),
    ),
  productVariants: (_s, args, { state }) =>
    listQuery(
      variantsWithProduct(state),
      args,
      (v) =>
        values({
          id: Number(gidNumber(v.id)),
          sku: v.sku,
          barcode: v.barcode,
          title: v.title,
          product_id: Number(gidNumber(v.product.id)),
          updated_at: v.updatedAt,
        }),
      stringArg(args, "sortKey") === "SKU" ? (v) => [v.sku ?? "", gidNumber(v.id)] : byId,
    ),
  inventoryItems: (_s, args, { state }) =>
    listQuery(
      variantsWithProduct(state).map((v) => ({ ...v.inventoryItem, sku: v.sku })),
      args,
      (item) =>
        values({ id: Number(gidNumber(item.id)), sku: item.sku, tracked: item.tracked, updated_at: item.updatedAt }),
      byId,
    ),
  locations: (_s, args, { state }) =>
    listQuery(
      state.locations.filter((l) => l.isActive || booleanArg(args, "includeInactive") === true),
      args,
      (l) =>
        values({
          id: Number(gidNumber(l.id)),
          name: l.name,
          pickup_in_store: l.localPickupSettingsV2 === null ? "disabled" : "enabled",
        }),
      stringArg(args, "sortKey") === "ID" ? byId : sortKeyOf("NAME"),
    ),
  customers: (_s, args, { state }) =>
    listQuery(state.customers, args, (c) =>
      values({
        id: Number(gidNumber(c.id)),
        email: c.email,
        name: `${c.firstName ?? ""} ${c.lastName ?? ""}`.trim(),
        tag: c.tags,
        updated_at: c.updatedAt,
        created_at: c.createdAt,
      }),
    ),
  orders: (_s, args, { state }) =>
    listQuery(
      state.orders,
      args,
      (o) =>
        values({
          id: Number(gidNumber(o.id)),
          name: o.name,
          email: o.email,
          financial_status: o.displayFinancialStatus?.toLowerCase() ?? null,
          fulfillment_status: o.displayFulfillmentStatus.toLowerCase(),
          updated_at: o.updatedAt,
          created_at: o.createdAt,
          processed_at: o.processedAt,
        }),
      sortKeyOf(stringArg(args, "sortKey") ?? "PROCESSED_AT"),
    ),
  node: (_s, args, { state }) => findNode(state, stringArg(args, "id") ?? ""),
  nodes: (_s, args, { state }) => stringListArg(args, "ids").map((id) => findNode(state, id)),
  product: (_s, args, { state }) => findProduct(state, stringArg(args, "id") ?? "") ?? null,
  order: (_s, args, { state }) => state.orders.find((o) => o.id === stringArg(args, "id")) ?? null,
  customer: (_s, args, { state }) => state.customers.find((c) => c.id === stringArg(args, "id")) ?? null,
  location: (_s, args, { state }) => findLocation(state, stringArg(args, "id") ?? "") ?? state.locations[0] ?? null,
  inventoryItem: (_s, args, { state }) => findItem(state, stringArg(args, "id") ?? "") ?? null,
}

const field = <K extends string>(source: unknown, key: K): unknown => (isRecord(source) ? source[key] : undefined)
const idOf = (source: unknown): string => {
  const id = field(source, "id")
  return typeof id === "string" ? id : ""
}

const typeFields: Readonly<Record<string, Resolver>> = {
  "Product.metafield": (source, args) => {
    const metafields = field(source, "metafields")
    if (!Array.isArray(metafields)) return null
    const namespace = stringArg(args, "namespace") ?? "$app"
    return metafields.find((m) => isRecord(m) && m.namespace === namespace && m.key === stringArg(args, "key")) ?? null
  },
  "ProductOption.optionValues": (source) => {
    const values = field(source, "values")
    const id = idOf(source).replace("ProductOption", "ProductOptionValue")
    return Array.isArray(values) ? values.map((name, i) => ({ id: `${id}${i}`, name, hasVariants: true })) : []
  },
  "ProductVariant.product": (source, _a, { state }) =>
    state.products.find((p) => p.variants.some((v) => v.id === idOf(source))) ?? null,
  "ProductVariant.displayName": (source, _a, { state }) => {
    const product = state.products.find((p) => p.variants.some((v) => v.id === idOf(source)))
    return `${product?.title ?? ""} - ${String(field(source, "title"))}`
  },
  "SelectedOption.optionValue": (source) => ({
    id: "gid://shopify/ProductOptionValue/1",
    name: field(source, "value"),
    hasVariants: true,
  }),
  "InventoryItem.sku": (source, _a, { state }) => variantOfItem(state, idOf(source))?.variant.sku ?? null,
  "InventoryItem.variant": (source, _a, { state }) => variantOfItem(state, idOf(source))?.variant ?? null,
  "InventoryItem.inventoryLevels": (source, args, { state }) =>
    listQuery(
      state.inventoryLevels.filter((l) => l.itemId === idOf(source)).map(levelOut),
      args,
      (l) => values({ updated_at: l.updatedAt }),
      (l) => [0, gidNumber(l.locationId)],
    ),
  "InventoryItem.inventoryLevel": (source, args, { state }) => {
    const level = findLevel(state, idOf(source), stringArg(args, "locationId") ?? "")
    return level === undefined ? null : levelOut(level)
  },
  "InventoryLevel.item": (source, _a, { state }) => findItem(state, String(field(source, "itemId"))) ?? null,
  "InventoryLevel.location": (source, _a, { state }) =>
    findLocation(state, String(field(source, "locationId"))) ?? null,
  "InventoryLevel.quantities": (source, args) => {
    const quantities = field(source, "quantities")
    const stored: Record<string, number> = {}
    if (isRecord(quantities)) for (const [k, v] of Object.entries(quantities)) if (typeof v === "number") stored[k] = v
    return stringListArg(args, "names").map((name) => ({
      id: `gid://shopify/InventoryQuantity/${gidNumber(idOf(source))}?name=${name}`,
      name,
      quantity: name === "available" ? availableOf(stored) : (stored[name] ?? 0),
      updatedAt: field(source, "updatedAt"),
    }))
  },
  "InventoryLevel.canDeactivate": () => true,
  "Location.inventoryLevels": (source, args, { state }) =>
    listQuery(
      state.inventoryLevels.filter((l) => l.locationId === idOf(source)).map(levelOut),
      args,
      (l) => values({ updated_at: l.updatedAt }),
      (l) => [0, gidNumber(l.itemId)],
    ),
  "Location.legacyResourceId": (source) => gidNumber(idOf(source)).toString(),
  "DeliveryLocalPickupSettings.pickupTime": () => "TWO_HOURS",
  "Customer.displayName": (source) =>
    [field(source, "firstName"), field(source, "lastName")].filter((p) => typeof p === "string").join(" ") ||
    String(field(source, "email") ?? ""),
  "Customer.defaultEmailAddress": (source) => {
    const email = field(source, "email")
    if (typeof email !== "string") return null
    const consent = field(source, "emailMarketingConsent")
    return { emailAddress: email, marketingState: isRecord(consent) ? consent.marketingState : "NOT_SUBSCRIBED" }
  },
  "Order.customer": (source, _a, { state }) => {
    const email = field(source, "email")
    return customerByEmail(state, typeof email === "string" ? email : null) ?? null
  },
  "Order.confirmed": () => true,
  "Order.refunds": (source, args) => {
    const refunds = field(source, "refunds")
    const list = Array.isArray(refunds) ? refunds : []
    return typeof args.first === "number" ? list.slice(0, args.first) : list
  },
  // Refunds are stored on their order; a refund names it back.
  "Refund.order": (source, _a, { state }) =>
    state.orders.find((o) => (o.refunds ?? []).some((r) => r.id === idOf(source))) ?? null,
  "LineItem.variant": (source, _a, { state }) =>
    state.products
      .flatMap((p) => p.variants)
      .find((v: SandboxVariant) => v.sku !== null && v.sku === field(source, "sku")) ?? null,
  "FulfillmentOrderAssignedLocation.location": (source, _a, { state }) => {
    const stored = field(source, "location")
    return stored === null || stored === undefined ? null : (findLocation(state, idOf(stored)) ?? stored)
  },
}

/** Resolvers of the supported queries and computed fields, keyed `Type.field`. */
export const queryResolvers: Readonly<Record<string, Resolver>> = {
  ...Object.fromEntries(Object.entries(queryRoot).map(([name, resolve]) => [`QueryRoot.${name}`, resolve])),
  ...typeFields,
}

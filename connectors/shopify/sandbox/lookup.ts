/** Finding sandbox records by id, and reading resolver arguments without trusting their types. */
import { normalizeEmail } from "../../../core/model/index.ts"
import { gidType } from "../schemas/common.ts"
import type {
  SandboxCustomer,
  SandboxInventoryItem,
  SandboxInventoryLevel,
  SandboxLocation,
  SandboxProduct,
  SandboxVariant,
  ShopifySandboxState,
} from "./state.ts"

export type Args = Readonly<Record<string, unknown>>

export const stringArg = (args: Args, name: string): string | undefined => {
  const value = args[name]
  return typeof value === "string" ? value : undefined
}
export const numberArg = (args: Args, name: string): number | undefined => {
  const value = args[name]
  return typeof value === "number" ? value : undefined
}
export const booleanArg = (args: Args, name: string): boolean | undefined => {
  const value = args[name]
  return typeof value === "boolean" ? value : undefined
}
export const stringListArg = (args: Args, name: string): ReadonlyArray<string> => {
  const value = args[name]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []
}
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

export const findProduct = (state: ShopifySandboxState, id: string): SandboxProduct | undefined =>
  state.products.find((p) => p.id === id)

export const findVariant = (
  state: ShopifySandboxState,
  id: string,
): { readonly product: SandboxProduct; readonly variant: SandboxVariant } | undefined => {
  for (const product of state.products) {
    const variant = product.variants.find((v) => v.id === id)
    if (variant !== undefined) return { product, variant }
  }
  return undefined
}

export const variantOfItem = (
  state: ShopifySandboxState,
  itemId: string,
): { readonly product: SandboxProduct; readonly variant: SandboxVariant } | undefined => {
  for (const product of state.products) {
    const variant = product.variants.find((v) => v.inventoryItem.id === itemId)
    if (variant !== undefined) return { product, variant }
  }
  return undefined
}

export const findItem = (state: ShopifySandboxState, id: string): SandboxInventoryItem | undefined =>
  variantOfItem(state, id)?.variant.inventoryItem

export const findLocation = (state: ShopifySandboxState, id: string): SandboxLocation | undefined =>
  state.locations.find((l) => l.id === id)

export const findLevel = (
  state: ShopifySandboxState,
  itemId: string,
  locationId: string,
): SandboxInventoryLevel | undefined =>
  state.inventoryLevels.find((l) => l.itemId === itemId && l.locationId === locationId)

export const customerByEmail = (state: ShopifySandboxState, email: string | null): SandboxCustomer | undefined =>
  email === null
    ? undefined
    : state.customers.find((c) => c.email !== null && normalizeEmail(c.email) === normalizeEmail(email))

/** Any record by GID, tagged with its GraphQL type for interface resolution. */
export const findNode = (state: ShopifySandboxState, id: string): Record<string, unknown> | null => {
  const withType = (record: object | undefined, type: string) =>
    record === undefined ? null : { ...record, __typename: type }
  switch (gidType(id)) {
    case "Product":
      return withType(findProduct(state, id), "Product")
    case "ProductVariant":
      return withType(findVariant(state, id)?.variant, "ProductVariant")
    case "InventoryItem":
      return withType(findItem(state, id), "InventoryItem")
    case "InventoryLevel":
      return withType(
        state.inventoryLevels.find((l) => l.id === id),
        "InventoryLevel",
      )
    case "Location":
      return withType(findLocation(state, id), "Location")
    case "Customer":
      return withType(
        state.customers.find((c) => c.id === id),
        "Customer",
      )
    case "Order":
      return withType(
        state.orders.find((o) => o.id === id),
        "Order",
      )
    case "Refund":
      return withType(
        state.orders.flatMap((o) => o.refunds ?? []).find((r) => r.id === id),
        "Refund",
      )
    default:
      return null
  }
}

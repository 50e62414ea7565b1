/**
 * The eBay sandbox's in-memory seller account: inventory items, groups, offers, orders and
 * their shipping fulfillments, OAuth clients and tokens, notification keys, the call window.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto"
import { seedGroups, seedInventoryItems, seedOffers } from "../fixtures/inventory.ts"
import { seedOrders } from "../fixtures/orders.ts"
import type { InventoryItemGroup, InventoryItemRecord, OfferRecord, OfferRequest } from "../schemas/inventory.ts"
import type { EbayOrder } from "../schemas/order.ts"

/** The app credentials and seller refresh token the sandbox accepts by default. */
export const ebaySandboxCredentials = {
  clientId: "Alpenglo-esl-SBX-7f3a91c2d-4b5e6a7c",
  clientSecret: "SBX-7f3a91c2d4b5-6a7c-4d8e-9f01-2b3c",
  refreshToken: "v^1.1#i^1#r^1#p^3#f^0#t^Ul4xMF8xOjVFRkQxNjM4MjJCNEUxQ0Y",
} as const

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> ? Array<U> : T[K] }

export type StoredItem = Mutable<InventoryItemRecord>
export type StoredOffer = Mutable<OfferRecord> &
  Pick<OfferRequest, "categoryId" | "listingDescription" | "listingPolicies" | "merchantLocationKey">
export type StoredOrder = typeof EbayOrder.Encoded
export interface StoredFulfillment {
  readonly fulfillmentId: string
  readonly lineItems: ReadonlyArray<{ readonly lineItemId: string; readonly quantity: number }>
  readonly shipmentTrackingNumber?: string
  readonly shippingCarrierCode?: string
  readonly shippedDate: string
}

/** A notification signing key: eBay signs with the private half and serves the public one by id. */
export interface NotificationKey {
  readonly kid: string
  readonly privateKey: KeyObject
  readonly publicKeyPem: string
}

export interface EbaySandboxState {
  readonly credentials: { clientId: string; clientSecret: string; refreshToken: string }
  readonly items: Map<string, StoredItem>
  readonly groups: Map<string, InventoryItemGroup>
  readonly offers: Map<string, StoredOffer>
  readonly orders: Map<string, StoredOrder>
  readonly fulfillments: Map<string, Array<StoredFulfillment>>
  /** Access tokens issued and not revoked. */
  readonly accessTokens: Set<string>
  readonly notificationKeys: Map<string, NotificationKey>
  readonly throttle: { enabled: boolean; requests: number; perMs: number; sent: Array<number> }
  /** What happened, for tests: token grants, 429 answers, calls by operation. */
  readonly stats: { tokenGrants: number; throttled: number; calls: Map<string, number> }
  /** Access token lifetime in seconds (eBay: 7200). */
  tokenLifetimeSeconds: number
  nextOfferId: number
  nextListingId: number
}

const clone = <A>(value: A): A => structuredClone(value)

/** A P-256 key pair like the ones eBay signs notifications with. */
export const makeNotificationKey = (kid: string): NotificationKey => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  return { kid, privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() }
}

/** The kid of the sandbox's notification key. */
export const SANDBOX_KEY_ID = "8a2c5e1f-73b4-4d92-a6e0-5f1b9c3d7e21"

// One key per process, made when the first sandbox is: every sandbox signs alike, and importing
// the connector costs no key generation.
let notificationKey: NotificationKey | undefined
const sandboxKey = (): NotificationKey => {
  notificationKey ??= makeNotificationKey(SANDBOX_KEY_ID)
  return notificationKey
}

/** Fills `state` with the seed (or leaves it empty), keeping the notification key. */
export const seedInto = (state: EbaySandboxState, seed: boolean): void => {
  state.items.clear()
  state.groups.clear()
  state.offers.clear()
  state.orders.clear()
  state.fulfillments.clear()
  state.accessTokens.clear()
  state.throttle.sent.length = 0
  state.stats.tokenGrants = 0
  state.stats.throttled = 0
  state.stats.calls.clear()
  state.nextOfferId = 9000000200
  state.nextListingId = 284561240000
  if (!seed) return
  for (const item of seedInventoryItems) state.items.set(item.sku, clone(item) as StoredItem)
  for (const group of seedGroups) state.groups.set(group.inventoryItemGroupKey ?? "", clone(group))
  for (const offer of seedOffers) state.offers.set(offer.offerId, clone(offer) as StoredOffer)
  for (const order of seedOrders) state.orders.set(order.orderId, clone(order))
}

export const makeState = (options: {
  readonly seed: boolean
  readonly rateLimits: boolean
  readonly callLimit: { readonly requests: number; readonly perMs: number }
  readonly credentials: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string }
}): EbaySandboxState => {
  const state: EbaySandboxState = {
    credentials: { ...options.credentials },
    items: new Map(),
    groups: new Map(),
    offers: new Map(),
    orders: new Map(),
    fulfillments: new Map(),
    accessTokens: new Set(),
    notificationKeys: new Map([[SANDBOX_KEY_ID, sandboxKey()]]),
    throttle: { enabled: options.rateLimits, ...options.callLimit, sent: [] },
    stats: { tokenGrants: 0, throttled: 0, calls: new Map() },
    tokenLifetimeSeconds: 7200,
    nextOfferId: 0,
    nextListingId: 0,
  }
  seedInto(state, options.seed)
  return state
}

/**
 * An offline Amazon Selling Partner API for Alpenglow Outfitters on Amazon.de: the LWA token
 * endpoint, Orders v0, FBA Inventory v1, Feeds 2021-06-30 (with presigned document URLs on its
 * own origin), Listings Items search and Sellers, on any origin. Each operation has its own
 * usage plan (429 QuotaExceeded past it), every call needs a valid `x-amz-access-token`, and
 * listings feeds are validated against the listings feed schema like Amazon validates them.
 *
 * @example
 * const sandbox = amazonSandbox({ usagePlans: { getOrderItems: { rate: 20, burst: 3 } } })
 * const server = setupServer(...sandbox.handlers)
 */
import type { Sandbox, SandboxOptions } from "../../../core/connector/sandbox.ts"
import { SEED_MARKETPLACE, seedInventory, seedListings, seedOrders } from "../fixtures/seed.ts"
import { type UsagePlan, usagePlansWith } from "../usagePlans.ts"
import { type SandboxCredentials, tokenEndpoint } from "./auth.ts"
import { feedsHandlers } from "./feeds.ts"
import { inventoryHandlers } from "./inventory.ts"
import { listingsHandlers } from "./listings.ts"
import { ordersHandlers } from "./orders.ts"
import { sellersHandlers } from "./sellers.ts"
import type { AmazonSandboxState } from "./state.ts"
import { operationBuckets } from "./usagePlans.ts"

export type { AmazonSandboxState, SandboxListing } from "./state.ts"

/** The seller the sandbox is: feed headers and listings paths must name it. */
export const SANDBOX_SELLER_ID = "A2ALPENGLOW7DE"
/** Credentials tests configure; the sandbox takes any non-empty ones unless `credentials` pins them. */
export const SANDBOX_CLIENT_ID = "amzn1.application-oa2-client.esl0sandbox0alpenglow"
export const SANDBOX_CLIENT_SECRET = "amzn1.oa2-cs.v1.sandbox-secret"
export const SANDBOX_REFRESH_TOKEN = "Atzr|IwEBIsandbox-refresh-token"

/** Amazon sandbox options on top of every sandbox's. */
export interface AmazonSandboxOptions extends SandboxOptions {
  /** Usage plans that differ from the published defaults, by operation. */
  readonly usagePlans?: Readonly<Partial<Record<string, UsagePlan>>>
  /** The only LWA credentials accepted; unset parts accept any non-empty value. */
  readonly credentials?: SandboxCredentials
  /** Lifetime of issued access tokens in seconds (default 3600, as LWA). */
  readonly tokenLifetimeSeconds?: number
  /** FBA inventory summaries per page (default 50). */
  readonly inventoryPageSize?: number
  /** The clock usage plans refill by (default `Date.now`); a test freezes it to provoke a 429 without racing. */
  readonly now?: () => number
}

const seedState = (state: AmazonSandboxState, seed: boolean) => {
  state.orders.clear()
  state.inventory.clear()
  state.listings.clear()
  state.documents.clear()
  state.feeds.clear()
  state.accessTokens.clear()
  state.tokenGrants = 0
  state.calls.length = 0
  state.throttled.length = 0
  if (!seed) return
  for (const { order, items } of seedOrders) state.orders.set(order.AmazonOrderId, { order, items: [...items] })
  for (const summary of seedInventory) state.inventory.set(summary.sellerSku, summary)
  for (const l of seedListings) {
    state.listings.set(l.sku, {
      sku: l.sku,
      asin: l.asin,
      productType: l.productType,
      itemName: l.itemName,
      price: l.price,
      currency: "EUR",
      quantity: l.quantity,
      createdDate: l.createdDate,
      lastUpdatedDate: l.createdDate,
    })
  }
}

/** The sandbox `esl sandbox amazon` serves and tests put behind msw. */
export const amazonSandbox = (options: AmazonSandboxOptions = {}): Sandbox<AmazonSandboxState> => {
  const state: AmazonSandboxState = {
    sellerId: SANDBOX_SELLER_ID,
    marketplaceId: SEED_MARKETPLACE,
    orders: new Map(),
    inventory: new Map(),
    listings: new Map(),
    documents: new Map(),
    feeds: new Map(),
    accessTokens: new Map(),
    tokenGrants: 0,
    calls: [],
    throttled: [],
  }
  const plans = usagePlansWith(options.usagePlans)
  const buckets = operationBuckets(plans, options.rateLimits !== false, options.now ?? Date.now)
  const ctx = { state, buckets, plans }
  const reset = () => {
    seedState(state, options.seed !== false)
    buckets.reset()
  }
  reset()
  return {
    connector: "amazon",
    handlers: [
      tokenEndpoint(state, options.credentials ?? {}, () => options.tokenLifetimeSeconds ?? 3600),
      ...sellersHandlers(ctx),
      ...ordersHandlers(ctx),
      ...inventoryHandlers(ctx, options.inventoryPageSize ?? 50),
      ...listingsHandlers(ctx),
      ...feedsHandlers(ctx),
    ],
    state,
    reset,
  }
}

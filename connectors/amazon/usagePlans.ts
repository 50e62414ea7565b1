/**
 * SP-API usage plans: every operation has its own token bucket (rate per second, burst), as
 * each operation's description table in Amazon's models states (the defaults; Amazon may grant
 * a seller more, which the `x-amzn-RateLimit-Limit` response header reports).
 * https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits
 */
import { type RateLimiter, tokenBucket } from "../../core/http/index.ts"

/** One operation's budget: `rate` requests per second refill a bucket of `burst`. */
export interface UsagePlan {
  readonly rate: number
  readonly burst: number
}

/** The operations this connector calls, by their operationId in Amazon's models. */
export type AmazonOperation =
  | "getOrders"
  | "getOrder"
  | "getOrderItems"
  | "confirmShipment"
  | "getInventorySummaries"
  | "createFeedDocument"
  | "createFeed"
  | "getFeed"
  | "getFeedDocument"
  | "searchListingsItems"
  | "getMarketplaceParticipations"

/** The default usage plans, copied from the model files' tables (ordersV0, fbaInventory, feeds_2021-06-30, listingsItems_2021-08-01, sellers). */
export const defaultUsagePlans: Readonly<Record<AmazonOperation, UsagePlan>> = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  getInventorySummaries: { rate: 2, burst: 2 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  searchListingsItems: { rate: 5, burst: 5 },
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
}

/** The plans in force: the defaults with a seller's raised (or a sandbox's changed) ones over them. */
export const usagePlansWith = (
  overrides: Readonly<Partial<Record<string, UsagePlan>>> = {},
): Readonly<Record<AmazonOperation, UsagePlan>> => {
  const plans: Record<string, UsagePlan> = { ...defaultUsagePlans }
  for (const [operation, plan] of Object.entries(overrides)) {
    if (plan !== undefined && Object.hasOwn(defaultUsagePlans, operation)) plans[operation] = plan
  }
  return plans as Record<AmazonOperation, UsagePlan>
}

/** One core token bucket per operation (each keeps its `spec`, so a distributed runtime can share it). */
export const operationLimiters = (
  plans: Readonly<Record<AmazonOperation, UsagePlan>>,
): Readonly<Record<AmazonOperation, RateLimiter>> => {
  const limiters: Partial<Record<AmazonOperation, RateLimiter>> = {}
  for (const [operation, plan] of Object.entries(plans) as Array<[AmazonOperation, UsagePlan]>) {
    limiters[operation] = tokenBucket({ capacity: plan.burst, refillPerSecond: plan.rate })
  }
  return limiters as Record<AmazonOperation, RateLimiter>
}

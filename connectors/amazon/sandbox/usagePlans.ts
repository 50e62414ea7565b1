/**
 * The sandbox's usage plans: one token bucket per operation, like SP-API's; past it the answer
 * is 429 QuotaExceeded with the operation's `x-amzn-RateLimit-Limit`.
 * https://developer-docs.amazon.com/sp-api/docs/usage-plans-and-rate-limits
 */
import type { AmazonOperation, UsagePlan } from "../usagePlans.ts"
import { amazonError } from "./responses.ts"

/** Admits or refuses requests per operation. */
export interface OperationBuckets {
  /** Undefined when admitted (and booked), else the 429 answer. */
  readonly admit: (operation: AmazonOperation) => Response | undefined
  readonly reset: () => void
}

const JITTER_SECONDS = 0.25

export const operationBuckets = (
  plans: Readonly<Record<AmazonOperation, UsagePlan>>,
  enabled: boolean,
  now: () => number = Date.now,
): OperationBuckets => {
  const buckets = new Map<AmazonOperation, { available: number; at: number }>()
  return {
    admit: (operation) => {
      if (!enabled) return undefined
      const plan = plans[operation]
      const at = now()
      const bucket = buckets.get(operation) ?? { available: plan.burst, at }
      const available = Math.min(plan.burst, bucket.available + ((at - bucket.at) / 1000) * plan.rate)
      // A client that waited exactly long enough by its own clock must not be refused because its
      // request spent a little less time on the wire than the one before: 250 ms of slack.
      if (available + plan.rate * JITTER_SECONDS < 1) {
        buckets.set(operation, { available, at })
        return amazonError(429, "QuotaExceeded", "You exceeded your quota for the requested resource.", "", plan.rate)
      }
      buckets.set(operation, { available: available - 1, at })
      return undefined
    },
    reset: () => buckets.clear(),
  }
}

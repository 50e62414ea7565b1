import { Effect } from "effect"
import { expect, it } from "vitest"
import { describeWithRedis } from "../../../test/support/services.ts"
import { tokenBucket } from "../../http/rateLimit.ts"
import { closeRedis, openRedis } from "./redis.ts"
import { shareRateLimits } from "./sharedRateLimit.ts"
import { removePrefix, uniqueName } from "./testing.ts"

describeWithRedis("shared rate limits per vendor operation", (redisUrl) => {
  it("keeps one Redis budget per operation (Amazon's usage plans), apart from the system's own", async () => {
    const prefix = uniqueName("oprl")
    const redis = openRedis(redisUrl)
    try {
      const share = shareRateLimits(redis, prefix)
      const system = share("market", tokenBucket({ capacity: 5, refillPerSecond: 5 }))
      const orders = share("market", tokenBucket({ capacity: 20, refillPerSecond: 0.0167 }), "getOrders")
      const items = share("market", tokenBucket({ capacity: 30, refillPerSecond: 0.5 }), "getOrderItems")
      expect(orders.spec).toEqual({ kind: "bucket", capacity: 20, perSecond: 0.0167 })
      await Effect.runPromise(Effect.all([system.acquire(), orders.acquire(), orders.acquire(), items.acquire()]))
      const keys = (await redis.keys(`${prefix}:ratelimit:*`)).sort()
      expect(keys).toEqual([
        `${prefix}:ratelimit:market:budget`,
        `${prefix}:ratelimit:market:op:getOrderItems:budget`,
        `${prefix}:ratelimit:market:op:getOrders:budget`,
      ])
      expect(Number(await redis.hget(`${prefix}:ratelimit:market:op:getOrders:budget`, "available"))).toBeCloseTo(18, 0)
    } finally {
      await closeRedis(redis)
      await removePrefix(redisUrl, prefix)
    }
  })
})

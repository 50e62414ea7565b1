import { Effect, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import type { ShopwareConfig } from "./config.ts"
import { shopwareSignature, shopwareWebhooks } from "./webhooks.ts"

const secret = "app-secret-7f3a9c"
const config = { webhookSecret: Redacted.make(secret) } as unknown as ShopwareConfig
const receivedAt = new Date("2026-11-23T10:00:05Z")
const sentAt = Math.floor(Date.parse("2026-11-23T10:00:00Z") / 1000)

const delivery = (body: unknown, signature?: string, at = receivedAt): WebhookDelivery => {
  const rawBody = Buffer.from(JSON.stringify(body))
  return {
    headers: {
      "shopware-shop-signature": signature ?? shopwareSignature(secret, rawBody),
      "content-type": "application/json",
    },
    rawBody,
    receivedAt: at,
  }
}

const orderWritten = {
  data: {
    payload: [
      {
        entity: "order",
        operation: "update",
        primaryKey: "9f5c0d1e2f3a4b4c7d8e9f0a1b2c3d4e",
        updatedFields: ["stateId"],
      },
      { entity: "order", operation: "insert", primaryKey: "4a0b1c2d3e4f4a5b8c9d0e1f2a3b4c5d", updatedFields: [] },
    ],
    event: "order.written",
  },
  source: {
    url: "https://shop.example.de",
    shopId: "hRCw2xo1EDZnLco4",
    appVersion: "1.0.0",
    eventId: "0193a1b2c3d4e5f6",
  },
  timestamp: sentAt,
}

const verify = (d: WebhookDelivery) => Effect.runPromise(Effect.either(shopwareWebhooks.verify(config, d)))
const parse = (d: WebhookDelivery) => Effect.runPromise(Effect.either(shopwareWebhooks.parse(config, d)))

describe("Shopware app webhooks", () => {
  it("accepts a body signed with the app secret (hex HMAC-SHA256 in shopware-shop-signature)", async () => {
    expect((await verify(delivery(orderWritten)))._tag).toBe("Right")
  })

  it("rejects a wrong signature, a missing one, and a stale delivery", async () => {
    const wrong = await verify(delivery(orderWritten, shopwareSignature("other-secret", "x")))
    expect(wrong._tag === "Left" && wrong.left.reason).toBe("bad-signature")
    const tampered = delivery(orderWritten)
    const changed = { ...tampered, rawBody: Buffer.from(tampered.rawBody.toString().replace("update", "delete")) }
    const forged = await verify(changed)
    expect(forged._tag === "Left" && forged.left.reason).toBe("bad-signature")
    const missing = await verify({ ...delivery(orderWritten), headers: {} })
    expect(missing._tag === "Left" && missing.left.reason).toBe("missing-signature")
    const stale = await verify(delivery(orderWritten, undefined, new Date("2026-11-23T10:30:00Z")))
    expect(stale._tag === "Left" && stale.left.reason).toBe("stale")
  })

  it("names the written orders of an order.written event for the orders stream", async () => {
    const events = await parse(delivery(orderWritten))
    expect(events._tag === "Right" && events.right).toEqual([
      {
        eventId: "0193a1b2c3d4e5f6",
        topic: "order.written",
        stream: "orders",
        entity: "order",
        externalIds: ["9f5c0d1e2f3a4b4c7d8e9f0a1b2c3d4e", "4a0b1c2d3e4f4a5b8c9d0e1f2a3b4c5d"],
        occurredAt: "2026-11-23T10:00:00.000Z",
      },
    ])
  })

  it("names the placed order of a checkout.order.placed event", async () => {
    const placed = {
      data: {
        payload: { order: { id: "f5bc6d7e8f9a4b0c3d4e5f6a7b8c9d0e", orderNumber: "10002" } },
        event: "checkout.order.placed",
      },
      source: { url: "https://shop.example.de", shopId: "hRCw2xo1EDZnLco4" },
      timestamp: sentAt,
    }
    const events = await parse(delivery(placed))
    expect(events._tag === "Right" && events.right[0]?.externalIds).toEqual(["f5bc6d7e8f9a4b0c3d4e5f6a7b8c9d0e"])
  })

  it("refuses events it does not handle", async () => {
    const other = await parse(delivery({ ...orderWritten, data: { ...orderWritten.data, event: "product.written" } }))
    expect(other._tag === "Left" && other.left.reason).toBe("unknown-topic")
  })
})

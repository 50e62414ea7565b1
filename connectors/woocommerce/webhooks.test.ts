import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import { seedOrders } from "./fixtures/orders.ts"
import { shopSystem } from "./testing.ts"
import { woocommerceSignature, woocommerceWebhooks } from "./webhooks.ts"

const SECRET = "wc-webhook-secret-3f9a"

const delivery = (body: string, headers: Record<string, string>): WebhookDelivery => ({
  headers,
  rawBody: Buffer.from(body),
  receivedAt: new Date("2026-03-06T09:00:00Z"),
})

const orderDelivery = (signature?: string) => {
  const body = JSON.stringify(seedOrders[1])
  return delivery(body, {
    "x-wc-webhook-source": "https://shop.alpenglow-outfitters.de/",
    "x-wc-webhook-topic": "order.updated",
    "x-wc-webhook-resource": "order",
    "x-wc-webhook-event": "updated",
    "x-wc-webhook-signature": signature ?? woocommerceSignature(SECRET, body),
    "x-wc-webhook-id": "12",
    "x-wc-webhook-delivery-id": "9f1c2e7a6b5d4c3b2a19f8e7d6c5b4a3",
  })
}

const config = async () => (await shopSystem({ webhookSecret: SECRET })).config

describe("WooCommerce webhooks", () => {
  it("verifies the base64 HMAC-SHA256 of the raw body and names the order to re-read", async () => {
    const cfg = await config()
    const d = orderDelivery()
    await Effect.runPromise(woocommerceWebhooks.verify(cfg, d))
    const events = await Effect.runPromise(woocommerceWebhooks.parse(cfg, d))
    expect(events).toEqual([
      {
        eventId: "9f1c2e7a6b5d4c3b2a19f8e7d6c5b4a3",
        topic: "order.updated",
        stream: "orders",
        entity: "order",
        externalIds: ["4712"],
        occurredAt: "2026-03-03T09:05:12Z",
      },
    ])
  })

  it("rejects a delivery whose signature does not match, and one without a signature", async () => {
    const cfg = await config()
    const forged = await Effect.runPromise(
      Effect.flip(woocommerceWebhooks.verify(cfg, orderDelivery(woocommerceSignature("other", "{}")))),
    )
    expect(forged.reason).toBe("bad-signature")
    const { "x-wc-webhook-signature": _, ...unsigned } = orderDelivery().headers
    const missing = await Effect.runPromise(Effect.flip(woocommerceWebhooks.verify(cfg, delivery("{}", unsigned))))
    expect(missing.reason).toBe("missing-signature")
  })

  it("acknowledges the ping WooCommerce sends when a webhook is saved, naming no records", async () => {
    const cfg = await config()
    const ping = delivery("webhook_id=12", { "content-type": "application/x-www-form-urlencoded" })
    await Effect.runPromise(woocommerceWebhooks.verify(cfg, ping))
    expect(await Effect.runPromise(woocommerceWebhooks.parse(cfg, ping))).toEqual([])
  })

  it("refuses topics no stream reads", async () => {
    const cfg = await config()
    const body = JSON.stringify({ id: 5, code: "welcome10" })
    const d = delivery(body, {
      "x-wc-webhook-topic": "coupon.created",
      "x-wc-webhook-resource": "coupon",
      "x-wc-webhook-signature": woocommerceSignature(SECRET, body),
    })
    const rejection = await Effect.runPromise(Effect.flip(woocommerceWebhooks.parse(cfg, d)))
    expect(rejection.reason).toBe("unknown-topic")
  })
})

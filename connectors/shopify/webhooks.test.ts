import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import { shopSystem } from "./testing.ts"
import { shopifySignature, shopifyWebhooks } from "./webhooks.ts"

const secret = "whsec_alpenglow_test"
const receivedAt = new Date("2025-01-15T20:01:40Z")

const delivery = (
  topic: string,
  body: object,
  overrides: { signature?: string | null; triggeredAt?: string; headers?: Record<string, string> } = {},
): WebhookDelivery => {
  const rawBody = Buffer.from(JSON.stringify(body), "utf8")
  const signature = overrides.signature === undefined ? shopifySignature(secret, rawBody) : overrides.signature
  return {
    rawBody,
    receivedAt,
    headers: {
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": "alpenglow.myshopify.com",
      "x-shopify-api-version": "2025-01",
      "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
      "x-shopify-triggered-at": overrides.triggeredAt ?? "2025-01-15T20:01:35.123456789Z",
      ...(signature === null ? {} : { "x-shopify-hmac-sha256": signature }),
      ...overrides.headers,
    },
  }
}

const orderCreated = { id: 5912345678903, admin_graphql_api_id: "gid://shopify/Order/5912345678903", name: "#1003" }

const config = async () => (await shopSystem({ webhookSecret: secret })).config

const accept = async (d: WebhookDelivery) => {
  const c = await config()
  return Effect.runPromise(shopifyWebhooks.verify(c, d).pipe(Effect.zipRight(shopifyWebhooks.parse(c, d))))
}
const refuse = async (d: WebhookDelivery) => {
  const c = await config()
  return Effect.runPromise(Effect.flip(shopifyWebhooks.verify(c, d).pipe(Effect.zipRight(shopifyWebhooks.parse(c, d)))))
}

describe("Shopify webhooks", () => {
  it("accepts a signed delivery and names the order to re-read", async () => {
    expect(await accept(delivery("orders/create", orderCreated))).toEqual([
      {
        eventId: "98880550-7158-44d4-b7cd-2c97c8a091b5",
        topic: "orders/create",
        stream: "orders",
        entity: "order",
        externalIds: ["gid://shopify/Order/5912345678903"],
        occurredAt: "2025-01-15T20:01:35.123Z",
      },
    ])
  })

  it("refuses a forged body, a missing signature and a missing secret", async () => {
    const signed = delivery("orders/create", orderCreated)
    const forged = { ...signed, rawBody: Buffer.from(JSON.stringify({ ...orderCreated, name: "#9999" })) }
    expect(await refuse(forged)).toMatchObject({ reason: "bad-signature" })
    expect(await refuse(delivery("orders/create", orderCreated, { signature: "bm90IGEgc2lnbmF0dXJl" }))).toMatchObject({
      reason: "bad-signature",
    })
    expect(await refuse(delivery("orders/create", orderCreated, { signature: null }))).toMatchObject({
      reason: "missing-signature",
    })
    const unconfigured = (await shopSystem()).config
    const rejection = await Effect.runPromise(Effect.flip(shopifyWebhooks.verify(unconfigured, signed)))
    expect(rejection).toMatchObject({ reason: "bad-signature" })
    expect(rejection.detail).not.toContain(secret)
  })

  it("refuses a delivery triggered more than five minutes before it arrived", async () => {
    const stale = delivery("orders/updated", orderCreated, { triggeredAt: "2025-01-15T19:55:00Z" })
    expect(await refuse(stale)).toMatchObject({ reason: "stale" })
  })

  it("falls back to the webhook id and reads inventory levels by item and location", async () => {
    const d = delivery(
      "inventory_levels/update",
      {
        inventory_item_id: 48912345678901,
        location_id: 71234567002,
        available: 14,
        updated_at: "2025-01-15T21:01:35+01:00",
      },
      { headers: { "x-shopify-event-id": "" } },
    )
    const [event] = await accept(d)
    expect(event).toMatchObject({
      eventId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      stream: "inventory",
      entity: "inventory",
      externalIds: ["gid://shopify/InventoryLevel/71234567002?inventory_item_id=48912345678901"],
    })
  })

  it("maps product and customer updates to their streams and refuses unknown topics", async () => {
    const product = await accept(
      delivery("products/update", { admin_graphql_api_id: "gid://shopify/Product/8912345678901" }),
    )
    expect(product[0]).toMatchObject({ stream: "products", entity: "product" })
    const customer = await accept(
      delivery("customers/update", { admin_graphql_api_id: "gid://shopify/Customer/7412345678901" }),
    )
    expect(customer[0]).toMatchObject({ stream: "customers", entity: "customer" })
    expect(await refuse(delivery("app/uninstalled", { id: 1 }))).toMatchObject({ reason: "unknown-topic" })
  })

  it("sends a new refund to the returns stream, which re-reads it by id", async () => {
    const refund = { id: 998877001, order_id: 5912345678904, admin_graphql_api_id: "gid://shopify/Refund/998877001" }
    const [event] = await accept(delivery("refunds/create", refund))
    expect(event).toMatchObject({
      topic: "refunds/create",
      stream: "returns",
      entity: "return",
      externalIds: ["gid://shopify/Refund/998877001"],
    })
  })
})

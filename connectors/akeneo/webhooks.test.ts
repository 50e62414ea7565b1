import { createHmac } from "node:crypto"
import { Effect, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import type { AkeneoConfig } from "./config.ts"
import { akeneoSignature, akeneoWebhooks } from "./webhooks.ts"

const SECRET = "3ha6eonoa9icsckw8kccos084w0c0000g08g40oo4kww0gc8w4"
const config = { webhookSecret: Redacted.make(SECRET) } as Pick<AkeneoConfig, "webhookSecret">

const receivedAt = new Date("2026-11-30T09:00:00Z")
const timestamp = String(receivedAt.getTime() / 1000 - 3)

const batch = JSON.stringify({
  events: [
    {
      action: "product.updated",
      event_id: "9979c367-595d-42ad-9070-05f62f31f49b",
      event_datetime: "2026-11-30T08:59:56+00:00",
      author: "julia",
      author_type: "ui",
      pim_source: "https://alpenglow.cloud.akeneo.com",
      data: {
        resource: {
          uuid: "0d3f6a1e-7c2b-4e58-9a41-000000000004",
          identifier: "ALP-TEE-M-WHT",
          parent: "ALP-TEE",
          enabled: true,
        },
      },
    },
    {
      action: "product.removed",
      event_id: "e5b5c4e2-4cbb-4c3c-9a77-0f1c2e54a2d1",
      event_datetime: "2026-11-30T08:59:57+00:00",
      author: "esl_connection_1234",
      author_type: "api",
      pim_source: "https://alpenglow.cloud.akeneo.com",
      data: { resource: { uuid: "0d3f6a1e-7c2b-4e58-9a41-000000000011", identifier: "ALP-BEANIE" } },
    },
    {
      action: "product_model.created",
      event_id: "3f0e8b21-1a2c-4c5d-8e9f-7a6b5c4d3e2f",
      event_datetime: "2026-11-30T08:59:58+00:00",
      author: "julia",
      author_type: "ui",
      pim_source: "https://alpenglow.cloud.akeneo.com",
      data: { resource: { code: "ALP-SHELL", family: "apparel", family_variant: "apparel_size_color", parent: null } },
    },
  ],
})

const delivery = (
  body = batch,
  headers: Record<string, string> = {
    "x-akeneo-request-signature": akeneoSignature(SECRET, timestamp, body),
    "x-akeneo-request-timestamp": timestamp,
  },
  at = receivedAt,
): WebhookDelivery => ({ headers, rawBody: Buffer.from(body), receivedAt: at })

const verify = (d: WebhookDelivery, c = config) =>
  Effect.runPromise(Effect.either(akeneoWebhooks.verify(c as AkeneoConfig, d)))

describe("Akeneo Events API deliveries", () => {
  it("accepts the HMAC-SHA256 of `<timestamp>.<body>` under the subscription secret", async () => {
    expect((await verify(delivery()))._tag).toBe("Right")
  })

  it("follows the documented scheme: hex HMAC-SHA256 over timestamp, a dot, and the raw body", async () => {
    const body = '{"events":[]}'
    const signature = createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex")
    const headers = { "X-Akeneo-Request-Signature": signature, "X-Akeneo-Request-Timestamp": timestamp }
    expect((await verify(delivery(body, headers)))._tag).toBe("Right")
  })

  it("refuses a tampered body, a missing signature and a missing secret", async () => {
    const signed = delivery()
    const tampered = { ...signed, rawBody: Buffer.from(batch.replace("ALP-BEANIE", "ALP-TEE")) }
    expect(await verify(tampered)).toMatchObject({ _tag: "Left", left: { reason: "bad-signature" } })
    expect(await verify(delivery(batch, { "x-akeneo-request-timestamp": timestamp }))).toMatchObject({
      _tag: "Left",
      left: { reason: "missing-signature" },
    })
    expect(await verify(signed, {} as Pick<AkeneoConfig, "webhookSecret">)).toMatchObject({
      _tag: "Left",
      left: { reason: "bad-signature" },
    })
  })

  it("refuses a correctly signed delivery whose timestamp is more than five minutes old", async () => {
    const late = new Date(receivedAt.getTime() + 10 * 60_000)
    const result = await verify(delivery(batch, undefined, late))
    expect(result).toMatchObject({ _tag: "Left", left: { reason: "stale" } })
  })

  it("names the product numbers to re-read: a variant's model, a simple product, a new model", async () => {
    const events = await Effect.runPromise(akeneoWebhooks.parse(config as AkeneoConfig, delivery()))
    expect(events.map((e) => [e.topic, e.stream, e.externalIds, e.occurredAt])).toEqual([
      ["product.updated", "products", ["ALP-TEE"], "2026-11-30T08:59:56.000Z"],
      ["product.removed", "products", ["ALP-BEANIE"], "2026-11-30T08:59:57.000Z"],
      ["product_model.created", "products", ["ALP-SHELL"], "2026-11-30T08:59:58.000Z"],
    ])
    expect(events[0]?.eventId).toBe("9979c367-595d-42ad-9070-05f62f31f49b")
  })

  it("refuses an action it does not handle and a body that is not an events batch", async () => {
    const unknown = JSON.stringify({
      events: [{ action: "category.updated", event_id: "x", data: { resource: { code: "tshirts" } } }],
    })
    const parse = (body: string) =>
      Effect.runPromise(Effect.either(akeneoWebhooks.parse(config as AkeneoConfig, delivery(body))))
    expect(await parse(unknown)).toMatchObject({ _tag: "Left", left: { reason: "unknown-topic" } })
    expect(await parse("[]")).toMatchObject({ _tag: "Left", left: { reason: "malformed" } })
  })
})

import { Effect, Redacted } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import type { HubspotConfig } from "./config.ts"
import { hubspotSignature, hubspotWebhooks } from "./webhooks.ts"

const SECRET = "app-client-secret-7d1e"
const URL = "https://esl.alpenglow.example/webhooks/crm"
const config = {
  webhookSecret: Redacted.make(SECRET),
  webhookUrl: URL,
} as unknown as HubspotConfig

const receivedAt = new Date("2026-03-12T10:00:00Z")
const events = [
  {
    eventId: 4082511,
    subscriptionId: 2304119,
    portalId: 145_998_87,
    appId: 3151217,
    occurredAt: receivedAt.getTime() - 2_000,
    subscriptionType: "contact.propertyChange",
    attemptNumber: 0,
    objectId: 502,
    propertyName: "hs_email_optout",
    propertyValue: "true",
    changeSource: "CRM",
  },
  {
    eventId: 4082512,
    subscriptionId: 2304117,
    portalId: 145_998_87,
    appId: 3151217,
    occurredAt: receivedAt.getTime() - 1_000,
    subscriptionType: "contact.creation",
    attemptNumber: 0,
    objectId: 100_123,
    changeSource: "FORM",
  },
]

const delivery = (overrides: { body?: string; timestamp?: number; signature?: string } = {}): WebhookDelivery => {
  const body = overrides.body ?? JSON.stringify(events)
  const timestamp = String(overrides.timestamp ?? receivedAt.getTime() - 30_000)
  return {
    headers: {
      "content-type": "application/json",
      "x-hubspot-request-timestamp": timestamp,
      "x-hubspot-signature-v3":
        overrides.signature ?? hubspotSignature(SECRET, { method: "POST", uri: URL, body, timestamp }),
    },
    rawBody: Buffer.from(body),
    receivedAt,
  }
}

const verify = (d: WebhookDelivery) => Effect.runPromise(Effect.either(hubspotWebhooks.verify(config, d)))

describe("hubspot webhooks", () => {
  it("accepts a delivery signed with the app secret over method, URI, body and timestamp", async () => {
    expect((await verify(delivery()))._tag).toBe("Right")
  })

  it("refuses a tampered body, a missing signature and a delivery older than five minutes", async () => {
    const good = delivery()
    const tampered = { ...good, rawBody: Buffer.from(JSON.stringify([{ ...events[0], objectId: 999 }])) }
    const refused = await verify(tampered)
    expect(refused._tag === "Left" && refused.left.reason).toBe("bad-signature")

    const { "x-hubspot-signature-v3": _, ...unsigned } = good.headers
    const missing = await verify({ ...good, headers: unsigned })
    expect(missing._tag === "Left" && missing.left.reason).toBe("missing-signature")

    const stale = await verify(delivery({ timestamp: receivedAt.getTime() - 5 * 60_000 - 1 }))
    expect(stale._tag === "Left" && stale.left.reason).toBe("stale")
  })

  it("names each event's contact for the customers stream, one event per HubSpot eventId", async () => {
    const parsed = await Effect.runPromise(hubspotWebhooks.parse(config, delivery()))
    expect(parsed).toEqual([
      {
        eventId: "4082511",
        topic: "contact.propertyChange",
        stream: "customers",
        entity: "customer",
        externalIds: ["502"],
        occurredAt: "2026-03-12T09:59:58.000Z",
      },
      {
        eventId: "4082512",
        topic: "contact.creation",
        stream: "customers",
        entity: "customer",
        externalIds: ["100123"],
        occurredAt: "2026-03-12T09:59:59.000Z",
      },
    ])
  })

  it("refuses a delivery with only subscription types it does not handle", async () => {
    const body = JSON.stringify([{ eventId: 1, subscriptionType: "deal.creation", objectId: 5 }])
    const result = await Effect.runPromise(Effect.either(hubspotWebhooks.parse(config, delivery({ body }))))
    expect(result._tag === "Left" && result.left.reason).toBe("unknown-topic")
  })
})

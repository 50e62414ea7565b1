/**
 * HubSpot webhooks (https://developers.hubspot.com/docs/apps/legacy-apps/authentication/validating-requests):
 * `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256, keyed with the app's client secret, of
 * method + URI + body + `X-HubSpot-Request-Timestamp`; a timestamp older than five minutes is
 * refused. The URI is the target URL HubSpot called, so it is configured (`webhookUrl`): behind a
 * proxy the daemon cannot know it. The body is an array of events, each naming one record by
 * `objectId`; the stream re-reads it.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Option, Redacted, Schema } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../core/connector/index.ts"
import type { EntityName } from "../../core/model/index.ts"
import type { HubspotConfig } from "./config.ts"

/** How old a delivery may be before it is treated as a replay. */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000

/** Subscription types this connector understands (`contact.*`), and the stream that re-reads their records. */
export const webhookTopics: Readonly<Record<string, { readonly stream: string; readonly entity: EntityName }>> = {
  "contact.creation": { stream: "customers", entity: "customer" },
  "contact.propertyChange": { stream: "customers", entity: "customer" },
  "contact.associationChange": { stream: "customers", entity: "customer" },
  "contact.restore": { stream: "customers", entity: "customer" },
  "contact.merge": { stream: "customers", entity: "customer" },
}

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() === wanted) return value.trim() === "" ? undefined : value
  }
  return undefined
}

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

/** The v3 signature HubSpot sends for a request. */
export const hubspotSignature = (
  secret: string,
  request: {
    readonly method: string
    readonly uri: string
    readonly body: Buffer | string
    readonly timestamp: string
  },
): string =>
  createHmac("sha256", secret)
    .update(
      Buffer.concat([
        Buffer.from(`${request.method}${request.uri}`, "utf8"),
        Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, "utf8"),
        Buffer.from(request.timestamp, "utf8"),
      ]),
    )
    .digest("base64")

const verify = (config: HubspotConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> => {
  const signature = header(delivery, "X-HubSpot-Signature-v3")
  if (signature === undefined) return reject("missing-signature", "no X-HubSpot-Signature-v3 header")
  const timestamp = header(delivery, "X-HubSpot-Request-Timestamp")
  if (timestamp === undefined) return reject("missing-signature", "no X-HubSpot-Request-Timestamp header")
  if (config.webhookSecret === undefined || config.webhookUrl === undefined) {
    return reject(
      "bad-signature",
      "webhookSecret and webhookUrl must both be configured for this HubSpot system to verify a delivery",
    )
  }
  if (!/^\d+$/.test(timestamp)) return reject("malformed", `X-HubSpot-Request-Timestamp is not epoch ms: ${timestamp}`)
  const age = delivery.receivedAt.getTime() - Number(timestamp)
  if (age > MAX_DELIVERY_AGE_MS) {
    return reject(
      "stale",
      `signed ${Math.round(age / 1000)} s before it was received; more than ${MAX_DELIVERY_AGE_MS / 1000} s is treated as a replay`,
    )
  }
  const expected = Buffer.from(
    hubspotSignature(Redacted.value(config.webhookSecret), {
      method: "POST",
      uri: config.webhookUrl,
      body: delivery.rawBody,
      timestamp,
    }),
    "base64",
  )
  const given = Buffer.from(signature, "base64")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject("bad-signature", "X-HubSpot-Signature-v3 does not match the request")
  }
  return Effect.void
}

const Id = Schema.Union(Schema.Number, Schema.String)

const Event = Schema.Struct({
  eventId: Id,
  subscriptionType: Schema.String,
  objectId: Id,
  occurredAt: Schema.optional(Schema.Number),
})

const parse = (
  _config: HubspotConfig,
  delivery: WebhookDelivery,
): Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection> => {
  const json = Option.liftThrowable((text: string): unknown => JSON.parse(text))(delivery.rawBody.toString("utf8"))
  const events = Option.flatMap(json, Schema.decodeUnknownOption(Schema.Array(Event)))
  if (Option.isNone(events)) {
    return reject("malformed", "the body is not an array of events with eventId, subscriptionType and objectId")
  }
  const known = events.value.flatMap((event): ReadonlyArray<WebhookEvent> => {
    const target = webhookTopics[event.subscriptionType]
    if (target === undefined) return []
    return [
      {
        eventId: String(event.eventId),
        topic: event.subscriptionType,
        stream: target.stream,
        entity: target.entity,
        externalIds: [String(event.objectId)],
        ...(event.occurredAt === undefined ? {} : { occurredAt: new Date(event.occurredAt).toISOString() }),
      },
    ]
  })
  if (known.length === 0 && events.value.length > 0) {
    const types = [...new Set(events.value.map((e) => e.subscriptionType))].join(", ")
    return reject("unknown-topic", `subscription types ${types} are not handled by the HubSpot connector`)
  }
  return Effect.succeed(known)
}

/** Verifies and reads HubSpot webhook deliveries. */
export const hubspotWebhooks: WebhookDefinition<HubspotConfig> = { verify, parse }

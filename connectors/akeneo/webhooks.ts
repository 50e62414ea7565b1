/**
 * Akeneo Events API deliveries (https://api.akeneo.com/events-documentation/security.html):
 * `X-Akeneo-Request-Signature` is the hex HMAC-SHA256, keyed with the subscription's secret, of
 * `<X-Akeneo-Request-Timestamp>.<raw body>`. Deliveries whose timestamp (Unix seconds) is more
 * than five minutes from their receipt are refused as replays. A body carries a batch of
 * events (`{ "events": [ { action, event_id, event_datetime, data: { resource } } ] }`); each
 * names a product (identifier, with `parent` for a variant) or a product model (code), which
 * the products stream re-reads by product number.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Option, Redacted, Schema } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../core/connector/index.ts"
import type { AkeneoConfig } from "./config.ts"

/** How far a delivery's timestamp may be from its receipt before it is treated as a replay. */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000

/** The actions this connector understands (https://api.akeneo.com/events-reference/events-reference-serenity/products.html). */
export const eventActions: ReadonlySet<string> = new Set([
  "product.created",
  "product.updated",
  "product.removed",
  "product_model.created",
  "product_model.updated",
  "product_model.removed",
])

/** The signature Akeneo sends for `body` at `timestamp` (Unix seconds) with `secret`. */
export const akeneoSignature = (secret: string, timestamp: string, body: Buffer | string): string =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() === wanted) return value.trim() === "" ? undefined : value.trim()
  }
  return undefined
}

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

const verify = (config: AkeneoConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> => {
  const signature = header(delivery, "X-Akeneo-Request-Signature")
  if (signature === undefined) return reject("missing-signature", "no X-Akeneo-Request-Signature header")
  const timestamp = header(delivery, "X-Akeneo-Request-Timestamp")
  if (timestamp === undefined) return reject("missing-signature", "no X-Akeneo-Request-Timestamp header")
  if (config.webhookSecret === undefined) {
    return reject(
      "bad-signature",
      "no webhookSecret is configured for this Akeneo system, so no delivery can be verified",
    )
  }
  if (!/^\d+$/.test(timestamp))
    return reject("malformed", `X-Akeneo-Request-Timestamp is not Unix seconds: ${timestamp}`)
  const expected = Buffer.from(
    akeneoSignature(Redacted.value(config.webhookSecret), timestamp, delivery.rawBody),
    "hex",
  )
  const given = /^[0-9a-f]+$/i.test(signature) ? Buffer.from(signature, "hex") : Buffer.alloc(0)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject("bad-signature", "X-Akeneo-Request-Signature does not match the timestamp and body")
  }
  const age = delivery.receivedAt.getTime() - Number(timestamp) * 1000
  if (Math.abs(age) > MAX_DELIVERY_AGE_MS) {
    return reject(
      "stale",
      `signed ${Math.round(age / 1000)} s before it was received; more than ${MAX_DELIVERY_AGE_MS / 1000} s apart is treated as a replay`,
    )
  }
  return Effect.void
}

const EventBatch = Schema.Struct({
  events: Schema.Array(
    Schema.Struct({
      action: Schema.String,
      event_id: Schema.String,
      event_datetime: Schema.optional(Schema.String),
      data: Schema.Struct({
        resource: Schema.Struct({
          identifier: Schema.optional(Schema.String),
          code: Schema.optional(Schema.String),
          parent: Schema.optional(Schema.NullOr(Schema.String)),
        }),
      }),
    }),
  ),
})

/** The product number an event is about: the model's code, a variant's parent, a simple product's identifier. */
const productNumberOf = (action: string, resource: (typeof EventBatch.Type)["events"][number]["data"]["resource"]) => {
  if (action.startsWith("product_model.")) return resource.parent ?? resource.code
  return resource.parent ?? resource.identifier
}

const parse = (
  _config: AkeneoConfig,
  delivery: WebhookDelivery,
): Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection> => {
  const json = Option.liftThrowable((text: string): unknown => JSON.parse(text))(delivery.rawBody.toString("utf8"))
  const batch = Option.flatMap(json, Schema.decodeUnknownOption(EventBatch))
  if (Option.isNone(batch)) return reject("malformed", "the body is not an Akeneo events batch ({ events: [...] })")
  const events: Array<WebhookEvent> = []
  for (const event of batch.value.events) {
    if (!eventActions.has(event.action)) {
      return reject("unknown-topic", `action ${event.action} is not handled by the Akeneo connector`)
    }
    const productNumber = productNumberOf(event.action, event.data.resource)
    if (productNumber === undefined || productNumber === null) {
      return reject("malformed", `event ${event.event_id} names no product identifier or model code`)
    }
    const at = event.event_datetime === undefined ? Number.NaN : Date.parse(event.event_datetime)
    events.push({
      eventId: event.event_id,
      topic: event.action,
      stream: "products",
      entity: "product",
      externalIds: [productNumber],
      ...(Number.isNaN(at) ? {} : { occurredAt: new Date(at).toISOString() }),
    })
  }
  return Effect.succeed(events)
}

/** Verifies and reads Akeneo Events API deliveries. */
export const akeneoWebhooks: WebhookDefinition<AkeneoConfig> = { verify, parse }

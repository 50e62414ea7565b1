/**
 * Shopify webhooks (https://shopify.dev/docs/apps/build/webhooks/verify-deliveries): the raw
 * body's HMAC-SHA256 with the app's client secret, base64, in `X-Shopify-Hmac-SHA256`.
 * Deliveries whose `X-Shopify-Triggered-At` is more than five minutes old are refused as
 * replays. Each names the record it is about in `admin_graphql_api_id`; the stream re-reads it.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Option, Redacted, Schema } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../core/connector/index.ts"
import type { EntityName } from "../../core/model/index.ts"
import type { ShopifyConfig } from "./config.ts"
import { toGid } from "./schemas/common.ts"

/** How old a delivery may be before it is treated as a replay. */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000

/** Topics this connector understands, and the stream that re-reads what they name. */
export const webhookTopics: Readonly<Record<string, { readonly stream: string; readonly entity: EntityName }>> = {
  "orders/create": { stream: "orders", entity: "order" },
  "orders/updated": { stream: "orders", entity: "order" },
  "orders/paid": { stream: "orders", entity: "order" },
  "orders/cancelled": { stream: "orders", entity: "order" },
  "products/create": { stream: "products", entity: "product" },
  "products/update": { stream: "products", entity: "product" },
  "customers/create": { stream: "customers", entity: "customer" },
  "customers/update": { stream: "customers", entity: "customer" },
  "inventory_levels/update": { stream: "inventory", entity: "inventory" },
  "locations/update": { stream: "locations", entity: "location" },
  // A refund (a POS return at a store's counter among them) names itself; the returns stream
  // re-reads it, and leaves it out when it took nothing back.
  "refunds/create": { stream: "returns", entity: "return" },
}

/** A header by name, whatever its case; an empty one counts as missing. */
const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() === wanted) return value.trim() === "" ? undefined : value
  }
  return undefined
}

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

/** The signature Shopify would send for `body` with `secret` (base64 HMAC-SHA256). */
export const shopifySignature = (secret: string, body: Buffer | string): string =>
  createHmac("sha256", secret).update(body).digest("base64")

const verify = (config: ShopifyConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> => {
  const signature = header(delivery, "X-Shopify-Hmac-SHA256")
  if (signature === undefined) return reject("missing-signature", "no X-Shopify-Hmac-SHA256 header")
  if (config.webhookSecret === undefined) {
    return reject(
      "bad-signature",
      "no webhookSecret is configured for this Shopify system, so no delivery can be verified",
    )
  }
  const expected = Buffer.from(shopifySignature(Redacted.value(config.webhookSecret), delivery.rawBody), "base64")
  const given = Buffer.from(signature, "base64")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject("bad-signature", "X-Shopify-Hmac-SHA256 does not match the body")
  }
  const triggeredAt = header(delivery, "X-Shopify-Triggered-At")
  if (triggeredAt !== undefined) {
    const at = Date.parse(triggeredAt)
    if (Number.isNaN(at)) return reject("malformed", `X-Shopify-Triggered-At is not a timestamp: ${triggeredAt}`)
    const age = delivery.receivedAt.getTime() - at
    if (age > MAX_DELIVERY_AGE_MS) {
      return reject(
        "stale",
        `triggered ${Math.round(age / 1000)} s before it was received; more than ${MAX_DELIVERY_AGE_MS / 1000} s is treated as a replay`,
      )
    }
  }
  return Effect.void
}

const Payload = Schema.Struct({
  admin_graphql_api_id: Schema.optional(Schema.String),
  // `inventory_levels/update` payloads name the item and location by numeric id.
  inventory_item_id: Schema.optional(Schema.Union(Schema.Number, Schema.String)),
  location_id: Schema.optional(Schema.Union(Schema.Number, Schema.String)),
})

const idOf = (payload: typeof Payload.Type): string | undefined => {
  if (payload.admin_graphql_api_id !== undefined) return payload.admin_graphql_api_id
  if (payload.inventory_item_id !== undefined && payload.location_id !== undefined) {
    return `${toGid("InventoryLevel", payload.location_id)}?inventory_item_id=${payload.inventory_item_id}`
  }
  return undefined
}

const parse = (
  _config: ShopifyConfig,
  delivery: WebhookDelivery,
): Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection> => {
  const topic = header(delivery, "X-Shopify-Topic")
  if (topic === undefined) return reject("malformed", "no X-Shopify-Topic header")
  const target = webhookTopics[topic]
  if (target === undefined) return reject("unknown-topic", `topic ${topic} is not handled by the Shopify connector`)
  const eventId = header(delivery, "X-Shopify-Event-Id") ?? header(delivery, "X-Shopify-Webhook-Id")
  if (eventId === undefined) return reject("malformed", "neither X-Shopify-Event-Id nor X-Shopify-Webhook-Id is set")
  const json = Option.liftThrowable((text: string): unknown => JSON.parse(text))(delivery.rawBody.toString("utf8"))
  const payload = Option.flatMap(json, Schema.decodeUnknownOption(Payload))
  const id = Option.getOrUndefined(Option.flatMap(payload, (p) => Option.fromNullable(idOf(p))))
  if (id === undefined) return reject("malformed", "the body names no admin_graphql_api_id")
  const triggeredAt = header(delivery, "X-Shopify-Triggered-At")
  const occurredAt =
    triggeredAt === undefined || Number.isNaN(Date.parse(triggeredAt)) ? undefined : new Date(triggeredAt).toISOString()
  return Effect.succeed([
    {
      eventId,
      topic,
      stream: target.stream,
      entity: target.entity,
      externalIds: [id],
      ...(occurredAt === undefined ? {} : { occurredAt }),
    },
  ])
}

/** Verifies and reads Shopify webhook deliveries. */
export const shopifyWebhooks: WebhookDefinition<ShopifyConfig> = { verify, parse }

/**
 * Shopware app-system webhooks (https://developer.shopware.com/docs/guides/plugins/apps/webhook.html):
 * the body's HMAC-SHA256 with the app secret, hex, in `shopware-shop-signature`. Entity-written
 * events (`order.written`) list the written rows in `data.payload[]` (`primaryKey`); business
 * events (`checkout.order.placed`) carry the record under `data.payload.<entity>`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Option, Redacted, Schema } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../core/connector/index.ts"
import type { EntityName } from "../../core/model/index.ts"
import type { ShopwareConfig } from "./config.ts"

/** How old a delivery (its `timestamp`, epoch seconds) may be before it is treated as a replay. */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000

/** Events this connector understands, and the stream that re-reads what they name. */
export const webhookEvents: Readonly<
  Record<string, { readonly stream: string; readonly entity: EntityName; readonly key: string }>
> = {
  "order.written": { stream: "orders", entity: "order", key: "order" },
  "checkout.order.placed": { stream: "orders", entity: "order", key: "order" },
  "state_enter.order_delivery.state.shipped": { stream: "orders", entity: "order", key: "order" },
  "customer.written": { stream: "customers", entity: "customer", key: "customer" },
  "checkout.customer.register": { stream: "customers", entity: "customer", key: "customer" },
}

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() === name) return value.trim() === "" ? undefined : value.trim()
  }
  return undefined
}

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

/** The signature Shopware sends for `body` with the app secret (hex HMAC-SHA256). */
export const shopwareSignature = (secret: string, body: Buffer | string): string =>
  createHmac("sha256", secret).update(body).digest("hex")

const Body = Schema.Struct({
  data: Schema.Struct({
    event: Schema.String,
    payload: Schema.Union(
      Schema.Array(Schema.Struct({ entity: Schema.optional(Schema.String), primaryKey: Schema.Unknown })),
      Schema.Record({ key: Schema.String, value: Schema.Unknown }),
    ),
  }),
  source: Schema.optional(
    Schema.Struct({ eventId: Schema.optional(Schema.String), shopId: Schema.optional(Schema.String) }),
  ),
  timestamp: Schema.optional(Schema.Number),
})

const bodyOf = (delivery: WebhookDelivery) =>
  Option.flatMap(
    Option.liftThrowable((text: string): unknown => JSON.parse(text))(delivery.rawBody.toString("utf8")),
    Schema.decodeUnknownOption(Body),
  )

const verify = (config: ShopwareConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> => {
  const signature = header(delivery, "shopware-shop-signature")
  if (signature === undefined) return reject("missing-signature", "no shopware-shop-signature header")
  if (config.webhookSecret === undefined) {
    return reject("bad-signature", "no webhookSecret (the app secret) is configured for this Shopware system")
  }
  const expected = Buffer.from(shopwareSignature(Redacted.value(config.webhookSecret), delivery.rawBody), "hex")
  const given = Buffer.from(/^[0-9a-f]+$/i.test(signature) ? signature : "", "hex")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject("bad-signature", "shopware-shop-signature does not match the body")
  }
  const body = bodyOf(delivery)
  const timestamp = Option.getOrUndefined(body)?.timestamp
  if (timestamp !== undefined) {
    const age = delivery.receivedAt.getTime() - timestamp * 1000
    if (age > MAX_DELIVERY_AGE_MS) {
      return reject(
        "stale",
        `sent ${Math.round(age / 1000)} s before it was received; more than ${MAX_DELIVERY_AGE_MS / 1000} s is treated as a replay`,
      )
    }
  }
  return Effect.void
}

const idOf = (value: unknown): string | undefined => {
  if (typeof value === "string") return value
  if (typeof value === "object" && value !== null && "id" in value && typeof value.id === "string") return value.id
  return undefined
}

const parse = (
  _config: ShopwareConfig,
  delivery: WebhookDelivery,
): Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection> => {
  const body = Option.getOrUndefined(bodyOf(delivery))
  if (body === undefined) return reject("malformed", "the body is not a Shopware webhook (data.event, data.payload)")
  const target = webhookEvents[body.data.event]
  if (target === undefined)
    return reject("unknown-topic", `event ${body.data.event} is not handled by the Shopware connector`)
  const payload = body.data.payload
  const ids = Array.isArray(payload)
    ? payload.filter((p) => p.entity === undefined || p.entity === target.key).flatMap((p) => idOf(p.primaryKey) ?? [])
    : "entity" in payload || !Object.hasOwn(payload, target.key)
      ? []
      : [idOf(Object.entries(payload).find(([key]) => key === target.key)?.[1])].flatMap((id) => id ?? [])
  if (ids.length === 0) return reject("malformed", `the ${body.data.event} payload names no ${target.key}`)
  const eventId = body.source?.eventId ?? createHash("sha256").update(delivery.rawBody).digest("hex")
  return Effect.succeed([
    {
      eventId,
      topic: body.data.event,
      stream: target.stream,
      entity: target.entity,
      externalIds: [...new Set(ids)],
      ...(body.timestamp === undefined ? {} : { occurredAt: new Date(body.timestamp * 1000).toISOString() }),
    },
  ])
}

/** Verifies and reads Shopware app webhooks. */
export const shopwareWebhooks: WebhookDefinition<ShopwareConfig> = { verify, parse }

/**
 * WooCommerce webhooks (https://woocommerce.com/document/webhooks/): each delivery is signed in
 * `X-WC-Webhook-Signature` with the base64 HMAC-SHA256 of the raw body under the webhook's
 * secret, and names its topic (`order.updated`), resource and id in `X-WC-Webhook-Topic`,
 * `X-WC-Webhook-Resource`, `X-WC-Webhook-ID`, with `X-WC-Webhook-Delivery-ID` per delivery.
 * The body is the resource itself; its `id` is the record to re-read.
 *
 * When a webhook is saved WooCommerce pings the URL once with the form body `webhook_id=<id>`
 * and no signature; that ping is acknowledged and names no records.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { Effect, Redacted } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookEvent, WebhookRejection } from "../../core/connector/index.ts"
import type { EntityName } from "../../core/model/index.ts"
import type { WooCommerceConfig } from "./config.ts"

/** Resources this connector understands, and the stream that re-reads what a delivery names. */
export const webhookResources: Readonly<Record<string, { readonly stream: string; readonly entity: EntityName }>> = {
  order: { stream: "orders", entity: "order" },
  product: { stream: "products", entity: "product" },
  customer: { stream: "customers", entity: "customer" },
}

const PING = /^webhook_id=\d+$/

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() === wanted) return value.trim() === "" ? undefined : value
  }
  return undefined
}

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

/** The signature WooCommerce sends for `body` with `secret` (base64 HMAC-SHA256). */
export const woocommerceSignature = (secret: string, body: Buffer | string): string =>
  createHmac("sha256", secret).update(body).digest("base64")

const isPing = (delivery: WebhookDelivery): boolean =>
  header(delivery, "X-WC-Webhook-Topic") === undefined && PING.test(delivery.rawBody.toString("utf8").trim())

const verify = (config: WooCommerceConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> => {
  if (isPing(delivery)) return Effect.void
  const signature = header(delivery, "X-WC-Webhook-Signature")
  if (signature === undefined) return reject("missing-signature", "no X-WC-Webhook-Signature header")
  if (config.webhookSecret === undefined) {
    return reject(
      "bad-signature",
      "no webhookSecret is configured for this WooCommerce system, so no delivery can be verified",
    )
  }
  const expected = Buffer.from(woocommerceSignature(Redacted.value(config.webhookSecret), delivery.rawBody), "base64")
  const given = Buffer.from(signature, "base64")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return reject("bad-signature", "X-WC-Webhook-Signature does not match the body")
  }
  return Effect.void
}

const parse = (
  _config: WooCommerceConfig,
  delivery: WebhookDelivery,
): Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection> => {
  if (isPing(delivery)) return Effect.succeed([])
  const topic = header(delivery, "X-WC-Webhook-Topic")
  if (topic === undefined) return reject("malformed", "no X-WC-Webhook-Topic header")
  const resource = header(delivery, "X-WC-Webhook-Resource") ?? topic.split(".")[0] ?? ""
  const target = webhookResources[resource]
  if (target === undefined) return reject("unknown-topic", `no stream reads ${topic} deliveries`)
  let body: unknown
  try {
    body = JSON.parse(delivery.rawBody.toString("utf8"))
  } catch {
    return reject("malformed", "the body is not JSON")
  }
  const id = typeof body === "object" && body !== null ? (body as { id?: unknown }).id : undefined
  if (typeof id !== "number" || !Number.isInteger(id) || id <= 0)
    return reject("malformed", "the body has no resource id")
  const deliveryId = header(delivery, "X-WC-Webhook-Delivery-ID")
  const webhookId = header(delivery, "X-WC-Webhook-ID") ?? "?"
  const modified = (body as { date_modified_gmt?: unknown }).date_modified_gmt
  return Effect.succeed([
    {
      // WooCommerce retries a failed delivery with a new delivery id; the resource's modification time ties retries together.
      eventId: deliveryId ?? `${webhookId}:${topic}:${id}:${typeof modified === "string" ? modified : ""}`,
      topic,
      stream: target.stream,
      entity: target.entity,
      externalIds: [String(id)],
      ...(typeof modified === "string" ? { occurredAt: `${modified.replace(/Z?$/, "")}Z` } : {}),
    },
  ])
}

/** The WooCommerce webhook definition. */
export const woocommerceWebhooks: WebhookDefinition<WooCommerceConfig> = { verify, parse }

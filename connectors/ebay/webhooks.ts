/**
 * eBay push notifications (https://developer.ebay.com/api-docs/commerce/notification/overview.html).
 * Each delivery carries `X-EBAY-SIGNATURE`: base64 of `{ alg, kid, signature, digest }`. The
 * public key is fetched by `kid` from the Notification API (`getPublicKey`, application token)
 * and cached for an hour, as eBay asks; the ECDSA signature over the raw body is checked with
 * node:crypto. `ORDER_CONFIRMATION` names an order by `orderId`; the orders stream re-reads it.
 *
 * `WebhookDefinition.verify` gets only the config, so the key is fetched through a core HTTP
 * client built from that config (core's auth, retries and redaction); nothing in core changes.
 */
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto"
import { Effect, Option, Redacted, Schema } from "effect"
import type { WebhookDefinition, WebhookDelivery, WebhookRejection } from "../../core/connector/index.ts"
import { type HttpClient, makeHttpClient, oauth2ClientCredentials } from "../../core/http/index.ts"
import { decodeVendor } from "./client.ts"
import { applicationScope, basePaths, type EbayConfig, ebayOrigin } from "./config.ts"

/** How long a fetched public key is trusted (eBay recommends caching it for about an hour). */
export const PUBLIC_KEY_TTL_MS = 60 * 60_000
/** A delivery published longer ago than this is treated as a replay. */
export const MAX_DELIVERY_AGE_MS = 15 * 60_000

/** Topics this connector understands, and the stream that re-reads what they name. */
export const webhookTopics = { ORDER_CONFIRMATION: { stream: "orders", entity: "order" } } as const

const SignatureHeader = Schema.parseJson(
  Schema.Struct({ alg: Schema.String, kid: Schema.String, signature: Schema.String, digest: Schema.String }),
)
const PublicKey = Schema.Struct({ algorithm: Schema.String, digest: Schema.String, key: Schema.String })
const Notification = Schema.parseJson(
  Schema.Struct({
    metadata: Schema.Struct({ topic: Schema.String, schemaVersion: Schema.optional(Schema.String) }),
    notification: Schema.Struct({
      notificationId: Schema.String,
      eventDate: Schema.optional(Schema.String),
      publishDate: Schema.optional(Schema.String),
      data: Schema.Struct({ orderId: Schema.optional(Schema.String) }),
    }),
  }),
)

const reject = (reason: WebhookRejection["reason"], detail: string) => Effect.fail<WebhookRejection>({ reason, detail })

const header = (delivery: WebhookDelivery, name: string): string | undefined => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(delivery.headers))
    if (key.toLowerCase() === wanted && value.trim() !== "") return value
  return undefined
}

/** eBay serves the key as PEM, sometimes without line breaks; node:crypto wants them. */
export const normalizePem = (key: string): string => {
  const body = key
    .replace(/-----BEGIN PUBLIC KEY-----/, "")
    .replace(/-----END PUBLIC KEY-----/, "")
    .replace(/\s+/g, "")
  const lines = body.match(/.{1,64}/g) ?? []
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`
}

const clients = new WeakMap<EbayConfig, HttpClient>()
const keys = new Map<string, { readonly pem: string; readonly digest: string; readonly until: number }>()

/** The Notification API client of a system: an application token (client credentials) per eBay's spec. */
const notificationClient = (config: EbayConfig): HttpClient => {
  const cached = clients.get(config)
  if (cached !== undefined) return cached
  const client = makeHttpClient({
    system: "ebay-notification",
    baseUrl: ebayOrigin(config),
    auth: oauth2ClientCredentials({
      tokenUrl: basePaths.token,
      clientId: config.clientId,
      clientSecret: Redacted.value(config.clientSecret),
      credentialsIn: "basic-header",
      scope: applicationScope,
    }),
    retry: { maxAttempts: 2 },
  })
  clients.set(config, client)
  return client
}

/** The public key of `kid`, from the cache or `GET /commerce/notification/v1/public_key/{kid}`. */
const publicKeyOf = (config: EbayConfig, kid: string, now: number) =>
  Effect.gen(function* () {
    const cacheKey = `${ebayOrigin(config)}|${kid}`
    const cached = keys.get(cacheKey)
    if (cached !== undefined && cached.until > now) return Option.some(cached)
    const client = notificationClient(config)
    // https://developer.ebay.com/api-docs/commerce/notification/resources/public_key/methods/getPublicKey
    const answer = yield* client
      .request({ method: "GET", path: `${basePaths.notification}/public_key/${encodeURIComponent(kid)}` })
      .pipe(Effect.either)
    if (answer._tag === "Left") {
      const error = answer.left
      if (error._tag === "HttpStatusError" && error.status === 404) return Option.none()
      return yield* reject("bad-signature", `the public key ${kid} could not be fetched: ${error.message}`)
    }
    const key = yield* decodeVendor(
      { system: "ebay", config, http: client },
      "notification.getPublicKey",
      PublicKey,
      answer.right.body,
    ).pipe(Effect.mapError((e): WebhookRejection => ({ reason: "bad-signature", detail: e.message })))
    const entry = { pem: normalizePem(key.key), digest: key.digest, until: now + PUBLIC_KEY_TTL_MS }
    keys.set(cacheKey, entry)
    return Option.some(entry)
  })

const verify = (config: EbayConfig, delivery: WebhookDelivery): Effect.Effect<void, WebhookRejection> =>
  Effect.gen(function* () {
    const raw = header(delivery, "X-EBAY-SIGNATURE")
    if (raw === undefined) return yield* reject("missing-signature", "no X-EBAY-SIGNATURE header")
    const parsed = Schema.decodeUnknownOption(SignatureHeader)(Buffer.from(raw, "base64").toString("utf8"))
    if (Option.isNone(parsed))
      return yield* reject("malformed", "X-EBAY-SIGNATURE is not base64 of { alg, kid, signature, digest }")
    const { alg, kid, signature, digest } = parsed.value
    if (alg.toUpperCase() !== "ECDSA") return yield* reject("bad-signature", `unsupported signature algorithm ${alg}`)
    const key = yield* publicKeyOf(config, kid, delivery.receivedAt.getTime())
    if (Option.isNone(key)) return yield* reject("bad-signature", `eBay has no public key with id ${kid}`)
    const hash = (key.value.digest || digest).toUpperCase() === "SHA256" ? "sha256" : "sha1"
    const valid = (() => {
      try {
        return verifySignature(hash, delivery.rawBody, createPublicKey(key.value.pem), Buffer.from(signature, "base64"))
      } catch {
        return false
      }
    })()
    if (!valid) return yield* reject("bad-signature", `the signature does not match the body for key ${kid}`)
    const body = Schema.decodeUnknownOption(Notification)(delivery.rawBody.toString("utf8"))
    const published = Option.flatMap(body, (b) => Option.fromNullable(b.notification.publishDate))
    if (Option.isSome(published)) {
      const age = delivery.receivedAt.getTime() - Date.parse(published.value)
      if (age > MAX_DELIVERY_AGE_MS)
        return yield* reject("stale", `published ${Math.round(age / 1000)} s before it was received`)
    }
  })

const parse = (_config: EbayConfig, delivery: WebhookDelivery) => {
  const body = Schema.decodeUnknownOption(Notification)(delivery.rawBody.toString("utf8"))
  if (Option.isNone(body)) return reject("malformed", "the body is not an eBay notification { metadata, notification }")
  const { metadata, notification } = body.value
  const topic = metadata.topic
  if (topic !== "ORDER_CONFIRMATION") return reject("unknown-topic", `topic ${topic} is not handled`)
  const orderId = notification.data.orderId
  if (orderId === undefined) return reject("malformed", "an ORDER_CONFIRMATION without data.orderId")
  return Effect.succeed([
    {
      eventId: notification.notificationId,
      topic,
      stream: webhookTopics.ORDER_CONFIRMATION.stream,
      entity: webhookTopics.ORDER_CONFIRMATION.entity,
      externalIds: [orderId],
      ...(notification.eventDate === undefined ? {} : { occurredAt: notification.eventDate }),
    },
  ])
}

/** eBay's webhooks: ECDSA signatures checked against the Notification API's public keys. */
export const ebayWebhooks: WebhookDefinition<EbayConfig> = { verify, parse }

/**
 * The answer to eBay's endpoint validation (`GET <endpoint>?challenge_code=…`): hex SHA-256 of
 * challengeCode + verificationToken + endpoint, as `{ "challengeResponse": … }`.
 */
export const ebayChallengeResponse = (
  challengeCode: string,
  verificationToken: string,
  endpoint: string,
): { readonly challengeResponse: string } => ({
  challengeResponse: createHash("sha256")
    .update(challengeCode)
    .update(verificationToken)
    .update(endpoint)
    .digest("hex"),
})

/** The challenge answer with the system's configured `verificationToken` and `notificationEndpoint`, if both are set. */
export const ebayChallengeResponseFor = (
  config: EbayConfig,
  challengeCode: string,
): { readonly challengeResponse: string } | undefined =>
  config.verificationToken === undefined || config.notificationEndpoint === undefined
    ? undefined
    : ebayChallengeResponse(challengeCode, Redacted.value(config.verificationToken), config.notificationEndpoint)

import type { Effect } from "effect"
import type { EntityName } from "../model/index.ts"

/** A webhook delivery as the daemon received it: raw body bytes matter for signatures. */
export interface WebhookDelivery {
  readonly headers: Readonly<Record<string, string>>
  readonly rawBody: Buffer
  readonly receivedAt: Date
}

/** What a verified delivery asks for: re-read these records of this stream. */
export interface WebhookEvent {
  /** The vendor's own event id, used to de-duplicate retries of the same delivery. */
  readonly eventId: string
  readonly topic: string
  readonly stream: string
  readonly entity: EntityName
  readonly externalIds: ReadonlyArray<string>
  readonly occurredAt?: string
}

export type WebhookRejection = {
  readonly reason: "missing-signature" | "bad-signature" | "stale" | "unknown-topic" | "malformed"
  readonly detail: string
}

/** How a connector receives webhooks: verify the vendor's signature, then name the records. */
export interface WebhookDefinition<Config> {
  /** Verifies signature and freshness; never throws, never logs the secret. */
  readonly verify: (config: Config, delivery: WebhookDelivery) => Effect.Effect<void, WebhookRejection>
  /** Turns a verified delivery into the records it names. */
  readonly parse: (
    config: Config,
    delivery: WebhookDelivery,
  ) => Effect.Effect<ReadonlyArray<WebhookEvent>, WebhookRejection>
}

import { Effect } from "effect"
import { type StateError, StateStore } from "../../state/index.ts"

/**
 * How long remembered webhook event ids are kept. Longer than any vendor retries a delivery
 * (Shopify: 8 tries over 4 hours; 48 hours for legacy subscriptions), so a late retry is still
 * recognised as a replay; older deliveries are refused as stale by their timestamp anyway.
 */
export const WEBHOOK_EVENT_RETENTION_DAYS = 7

/**
 * Forgets webhook event ids received more than `days` before `now`; answers how many. The daemon
 * runs it now and then (e.g. daily).
 */
export const pruneRememberedWebhookEvents = (
  options: { readonly days?: number; readonly now?: Date } = {},
): Effect.Effect<number, StateError, StateStore> =>
  Effect.gen(function* () {
    const store = yield* StateStore
    const now = options.now ?? new Date()
    const days = options.days ?? WEBHOOK_EVENT_RETENTION_DAYS
    return yield* store.pruneWebhookEvents(new Date(now.getTime() - days * 86_400_000).toISOString())
  })

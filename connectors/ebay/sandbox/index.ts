/**
 * An offline eBay: msw handlers on the Sell APIs' own paths (any origin) over an in-memory
 * seller account. Covers the OAuth token endpoint (refresh-token and client-credentials grants),
 * the Inventory API's bulk item/offer/price-quantity calls and item groups with 207 per-item
 * errors, the Fulfillment API's orders and shipping fulfillments, and the Notification API's
 * public keys. Every call needs a token from the token endpoint (401 otherwise) and counts
 * against the call limit (429 with eBay's error body once it is used up).
 */
import type { Sandbox, SandboxOptions } from "../../../core/connector/index.ts"
import { inventoryHandlers } from "./inventory.ts"
import { notificationHandlers, signNotification } from "./notification.ts"
import { oauthHandlers } from "./oauth.ts"
import { offerHandlers } from "./offers.ts"
import { orderHandlers } from "./orders.ts"
import { type EbaySandboxState, ebaySandboxCredentials, makeState, SANDBOX_KEY_ID, seedInto } from "./state.ts"

export { signNotification } from "./notification.ts"
export type { EbaySandboxState } from "./state.ts"
export { ebaySandboxCredentials, makeNotificationKey, SANDBOX_KEY_ID } from "./state.ts"

/** eBay sandbox options on top of every sandbox's. */
export interface EbaySandboxOptions extends SandboxOptions {
  /** Calls allowed per window; default 5,000 per day (an application's published default). */
  readonly callLimit?: { readonly requests: number; readonly perMs: number }
  /** The app credentials and refresh token it accepts; default `ebaySandboxCredentials`. */
  readonly credentials?: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string }
}

/** The sandbox, plus a signer for push notifications as eBay would send them. */
export interface EbaySandbox extends Sandbox<EbaySandboxState> {
  /** The `X-EBAY-SIGNATURE` header eBay would send with `body`. */
  readonly sign: (body: string | Buffer) => string
}

/**
 * The eBay sandbox.
 *
 * @example
 * const sandbox = ebaySandbox({ callLimit: { requests: 10, perMs: 1000 } })
 * const server = setupServer(...sandbox.handlers)
 */
export const ebaySandbox = (options: EbaySandboxOptions = {}): EbaySandbox => {
  const seed = options.seed ?? true
  const state = makeState({
    seed,
    rateLimits: options.rateLimits ?? true,
    callLimit: options.callLimit ?? { requests: 5000, perMs: 86_400_000 },
    credentials: options.credentials ?? ebaySandboxCredentials,
  })
  const key = state.notificationKeys.get(SANDBOX_KEY_ID)
  return {
    connector: "ebay",
    handlers: [
      ...oauthHandlers(state),
      ...inventoryHandlers(state),
      ...offerHandlers(state),
      ...orderHandlers(state),
      ...notificationHandlers(state),
    ],
    state,
    reset: () => {
      seedInto(state, seed)
      state.tokenLifetimeSeconds = 7200
    },
    sign: (body) => {
      if (key === undefined) throw new Error("the sandbox has no notification key")
      return signNotification(key, body)
    },
  }
}

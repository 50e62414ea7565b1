/**
 * The Notification API's `getPublicKey`, and how the sandbox signs a push notification the way
 * eBay does: ECDSA over the raw body, in an `X-EBAY-SIGNATURE` header that is base64 of
 * `{ "alg": "ECDSA", "kid": …, "signature": <base64 DER>, "digest": "SHA1" }`
 * (https://developer.ebay.com/api-docs/commerce/notification/overview.html).
 */
import { createSign } from "node:crypto"
import { http } from "msw"
import { errorAnswer, json } from "./errors.ts"
import { guarded } from "./gate.ts"
import type { EbaySandboxState, NotificationKey } from "./state.ts"

/** The `X-EBAY-SIGNATURE` value for `body` signed with `key`. */
export const signNotification = (key: NotificationKey, body: string | Buffer): string => {
  const signature = createSign("SHA1").update(body).sign(key.privateKey).toString("base64")
  return Buffer.from(JSON.stringify({ alg: "ECDSA", kid: key.kid, signature, digest: "SHA1" })).toString("base64")
}

export const notificationHandlers = (state: EbaySandboxState) => [
  // https://developer.ebay.com/api-docs/commerce/notification/resources/public_key/methods/getPublicKey
  http.get(
    "*/commerce/notification/v1/public_key/:kid",
    guarded(state, "getPublicKey", ({ params }) => {
      const key = state.notificationKeys.get(String(params.kid))
      if (key === undefined) {
        return errorAnswer(404, {
          errorId: 195001,
          domain: "API_NOTIFICATION",
          category: "REQUEST",
          message: "The specified key id is invalid.",
        })
      }
      return json(200, { algorithm: "ECDSA", digest: "SHA1", key: key.publicKeyPem })
    }),
  ),
]

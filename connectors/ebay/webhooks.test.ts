import { createHash } from "node:crypto"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import type { WebhookDelivery } from "../../core/connector/index.ts"
import { makeNotificationKey, signNotification } from "./sandbox/index.ts"
import { ebaySystem, useEbaySandbox } from "./testing.ts"
import { ebayChallengeResponse, ebayChallengeResponseFor, ebayWebhooks } from "./webhooks.ts"

const { sandbox } = useEbaySandbox()

const notification = (orderId: string, publishDate = new Date().toISOString()) =>
  JSON.stringify({
    metadata: { topic: "ORDER_CONFIRMATION", schemaVersion: "1.0", deprecated: false },
    notification: {
      notificationId: "a3b1c2d4-0001-4e5f-9a8b-7c6d5e4f3a2b",
      eventDate: publishDate,
      publishDate,
      publishAttemptCount: 1,
      data: { orderId, sellerId: "alpenglow_outfitters" },
    },
  })

const delivery = (body: string, signature: string | undefined): WebhookDelivery => ({
  headers: {
    "content-type": "application/json",
    ...(signature === undefined ? {} : { "x-ebay-signature": signature }),
  },
  rawBody: Buffer.from(body),
  receivedAt: new Date(),
})

const verify = async (d: WebhookDelivery) => {
  const system = await ebaySystem({ baseUrl: "https://api.ebay.webhooks.test" })
  return Effect.runPromise(Effect.either(ebayWebhooks.verify(system.config, d)))
}

describe("eBay notifications", () => {
  it("accepts a delivery signed with eBay's key, fetching the public key by kid once", async () => {
    const body = notification("14-11237-80921")
    expect((await verify(delivery(body, sandbox.sign(body))))._tag).toBe("Right")
    expect((await verify(delivery(body, sandbox.sign(body))))._tag).toBe("Right")
    expect(sandbox.state.stats.calls.get("getPublicKey")).toBe(1)
    const system = await ebaySystem()
    const events = await Effect.runPromise(ebayWebhooks.parse(system.config, delivery(body, sandbox.sign(body))))
    expect(events).toEqual([
      expect.objectContaining({
        topic: "ORDER_CONFIRMATION",
        stream: "orders",
        entity: "order",
        externalIds: ["14-11237-80921"],
      }),
    ])
  })

  it("refuses a body changed after signing", async () => {
    const signature = sandbox.sign(notification("14-11237-80921"))
    const result = await verify(delivery(notification("14-66666-66666"), signature))
    expect(result._tag === "Left" ? result.left.reason : "accepted").toBe("bad-signature")
  })

  it("refuses a delivery signed with a key eBay never issued, and one naming an unknown kid", async () => {
    const body = notification("14-11237-80921")
    const forger = makeNotificationKey("8a2c5e1f-73b4-4d92-a6e0-5f1b9c3d7e21")
    const forged = await verify(delivery(body, signNotification(forger, body)))
    expect(forged._tag === "Left" ? forged.left : undefined).toMatchObject({ reason: "bad-signature" })
    const stranger = makeNotificationKey("00000000-dead-beef-0000-000000000000")
    const unknown = await verify(delivery(body, signNotification(stranger, body)))
    expect(unknown._tag === "Left" ? unknown.left.detail : "").toContain("no public key with id 00000000-dead-beef")
  })

  it("refuses a missing or malformed X-EBAY-SIGNATURE, and a stale delivery", async () => {
    const body = notification("14-11237-80921")
    const missing = await verify(delivery(body, undefined))
    expect(missing._tag === "Left" ? missing.left.reason : "").toBe("missing-signature")
    const malformed = await verify(delivery(body, "bm90IGpzb24="))
    expect(malformed._tag === "Left" ? malformed.left.reason : "").toBe("malformed")
    const old = notification("14-11237-80921", "2026-01-01T00:00:00.000Z")
    const stale = await verify(delivery(old, sandbox.sign(old)))
    expect(stale._tag === "Left" ? stale.left.reason : "").toBe("stale")
  })

  it("answers the endpoint challenge with SHA-256 of challengeCode + verificationToken + endpoint", () => {
    const answer = ebayChallengeResponse(
      "a8628072-3d33-45ee-9004-bee86830a22d",
      "alpenglow-verification-token-0123456789",
      "https://esl.alpenglow.example/webhooks/ebay",
    )
    const expected = createHash("sha256")
      .update(
        "a8628072-3d33-45ee-9004-bee86830a22dalpenglow-verification-token-0123456789https://esl.alpenglow.example/webhooks/ebay",
      )
      .digest("hex")
    expect(answer).toEqual({ challengeResponse: expected })
  })

  it("answers the challenge from the system's configured token and endpoint, and not without them", async () => {
    const configured = await ebaySystem({
      verificationToken: "alpenglow-verification-token-0123456789",
      notificationEndpoint: "https://esl.alpenglow.example/webhooks/ebay",
    })
    expect(ebayChallengeResponseFor(configured.config, "a8628072-3d33-45ee-9004-bee86830a22d")).toEqual(
      ebayChallengeResponse(
        "a8628072-3d33-45ee-9004-bee86830a22d",
        "alpenglow-verification-token-0123456789",
        "https://esl.alpenglow.example/webhooks/ebay",
      ),
    )
    expect(ebayChallengeResponseFor((await ebaySystem()).config, "a8628072")).toBeUndefined()
  })
})

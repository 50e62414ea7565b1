import { describe, expect, it } from "vitest"
import { processListingsFeed } from "./feedProcessing.ts"
import { amazonSandbox, SANDBOX_SELLER_ID } from "./index.ts"

const DE = "A1PA6795UKMFR9"
const offer = (price: number) => [
  { marketplace_id: DE, currency: "EUR", our_price: [{ schedule: [{ value_with_tax: price }] }] },
]

describe("the sandbox's JSON_LISTINGS_FEED processing", () => {
  it("reports a message missing a required field by its messageId and applies the valid ones", () => {
    const { state } = amazonSandbox()
    const { fatal, report } = processListingsFeed(
      state,
      "1",
      DE,
      JSON.stringify({
        header: { sellerId: SANDBOX_SELLER_ID, version: "2.0" },
        messages: [
          {
            messageId: 1,
            sku: "ALP-BEANIE",
            operationType: "PATCH",
            patches: [{ op: "replace", path: "/attributes/purchasable_offer", value: offer(18.5) }],
          },
          {
            messageId: 2,
            sku: "ALP-HOOD-L-NVY",
            operationType: "PATCH",
            productType: "PRODUCT",
            patches: [{ op: "replace", path: "/attributes/purchasable_offer", value: offer(85) }],
          },
        ],
      }),
    )
    expect(fatal).toBe(false)
    expect(report.summary).toEqual({
      errors: 1,
      warnings: 0,
      messagesProcessed: 2,
      messagesAccepted: 1,
      messagesInvalid: 1,
    })
    expect(report.issues).toHaveLength(1)
    expect(report.issues[0]).toMatchObject({ messageId: 1, sku: "ALP-BEANIE", severity: "ERROR" })
    expect(report.issues[0]?.message).toContain("productType")
    expect(state.listings.get("ALP-BEANIE")?.price).toBe(19.99)
    expect(state.listings.get("ALP-HOOD-L-NVY")?.price).toBe(85)
  })

  it("fails the whole feed (FATAL) when the envelope does not fit the schema: an unknown top-level field, another seller", () => {
    const { state } = amazonSandbox()
    const { fatal, report } = processListingsFeed(
      state,
      "2",
      DE,
      JSON.stringify({
        header: { sellerId: "A9SOMEONEELSE", version: "2.0" },
        messages: [{ messageId: 1, sku: "ALP-BEANIE", operationType: "DELETE" }],
        extra: true,
      }),
    )
    expect(fatal).toBe(true)
    expect(report.issues.map((i) => i.messageId)).toEqual([undefined, undefined])
    expect(report.issues.map((i) => i.message)).toEqual([
      "'/extra' is not a property of the listings feed.",
      "The sellerId A9SOMEONEELSE in the header is not the submitting seller.",
    ])
    expect(state.listings.get("ALP-BEANIE")).toBeDefined()
  })
})

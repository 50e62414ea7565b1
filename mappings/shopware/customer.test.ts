import { describe, expect, it } from "vitest"
import { seedCustomers, seedNewsletterRecipients } from "../../connectors/shopware/fixtures/seed.ts"
import { decode, encodeRead } from "./testing.ts"

const customer = (index: number, newsletter?: number) => ({
  ...structuredClone(seedCustomers[index]!),
  newsletterRecipient: newsletter === undefined ? null : structuredClone(seedNewsletterRecipients[newsletter]!),
})

describe("Shopware customer → canonical Customer", () => {
  it("maps a newsletter subscription to an e-mail marketing consent with its date and source", async () => {
    const lena = await decode("customer", customer(0, 0))
    expect(lena.consents).toEqual([
      {
        channel: "email",
        purpose: "marketing",
        granted: true,
        at: "2026-03-14T09:12:40Z",
        source: "shopware:newsletter:optIn",
      },
    ])
    expect(lena.addresses).toEqual([
      expect.objectContaining({
        kind: "billing",
        isDefault: true,
        line1: "Große Elbstraße 145",
        countryCode: "DE",
        phone: "+49 40 3861 2247",
      }),
    ])
    expect(lena.segments).toEqual(["Standard customer group"])
  })

  it("maps an unsubscription to a withdrawn consent dated when it was withdrawn", async () => {
    const sophie = await decode("customer", customer(2, 1))
    expect(sophie.consents).toEqual([
      {
        channel: "email",
        purpose: "marketing",
        granted: false,
        at: "2026-09-30T13:25:00Z",
        source: "shopware:newsletter:optOut",
      },
    ])
  })

  it("records no consent for an unconfirmed double opt-in", async () => {
    const pending = {
      ...customer(0),
      newsletterRecipient: { ...seedNewsletterRecipients[0]!, status: "notSet", confirmedAt: null },
    }
    expect((await decode("customer", pending)).consents).toEqual([])
  })

  it("maps a B2B account's company and VAT id, billing and shipping addresses", async () => {
    const sophie = await decode("customer", customer(2, 1))
    expect(sophie.company).toEqual({ name: "Keller Bergsport AG", vatId: "CHE-123.456.789" })
    expect(sophie.addresses.map((a) => [a.kind, a.isDefault, a.city])).toEqual([
      ["billing", true, "Zürich"],
      ["shipping", true, "Kloten"],
    ])
    expect(sophie.customerNumber).toBe("SW-10003")
  })

  it.each([
    [0, 0],
    [1, undefined],
    [2, 1],
  ])("round-trips seed customer %i: canonical → Shopware → canonical", async (index, newsletter) => {
    const decoded = await decode("customer", customer(index, newsletter))
    expect(await decode("customer", await encodeRead("customer", decoded))).toEqual(decoded)
  })
})

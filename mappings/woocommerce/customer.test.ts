import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { seedCustomers } from "../../connectors/woocommerce/fixtures/customers.ts"
import { decodeRecord } from "../../core/mapping/index.ts"
import { customerMapping } from "./customer.ts"
import { alpenglowShop, readRoundTrip } from "./testing.ts"

const ctx = alpenglowShop()
const decode = (raw: unknown) => Effect.runPromise(decodeRecord(customerMapping, ctx, raw, "fixture"))

describe("WooCommerce customer → canonical customer", () => {
  it("keys the customer by e-mail and keeps billing and shipping addresses", async () => {
    const customer = await decode(seedCustomers[0])
    expect(customer).toEqual(
      expect.objectContaining({
        email: "lena.hoffmann@example.de",
        firstName: "Lena",
        lastName: "Hoffmann",
        phones: [{ number: "+49 40 4689 3321" }],
        segments: ["paying-customer"],
        updatedAt: "2026-02-18T19:02:41Z",
      }),
    )
    expect(customer.addresses.map((a) => [a.kind, a.line1, a.postalCode, a.countryCode, a.isDefault])).toEqual([
      ["billing", "Eppendorfer Weg 211", "20253", "DE", true],
      ["shipping", "Eppendorfer Weg 211", "20253", "DE", true],
    ])
  })

  it("leaves out WooCommerce's all-empty shipping address and keeps a billing company", async () => {
    const jonas = await decode(seedCustomers[1])
    expect(jonas.addresses.map((a) => a.kind)).toEqual(["billing"])
    expect(jonas.addresses[0]?.line2).toBe("Hinterhaus, 3. OG")
    const sophie = await decode(seedCustomers[2])
    expect(sophie.company).toEqual({ name: "Keller Bergsport GmbH" })
  })

  it("uses the registration date for a customer never modified", async () => {
    const markus = await decode(seedCustomers[3])
    expect(markus.updatedAt).toBe("2026-02-27T07:55:30Z")
    expect(markus.phones).toEqual([])
  })

  it.each(seedCustomers.map((c) => c.email))("round-trips seed customer %s", async (email) => {
    const raw = seedCustomers.find((c) => c.email === email)
    const { canonical, again } = await Effect.runPromise(readRoundTrip(customerMapping, ctx, raw))
    expect(again).toEqual(canonical)
  })
})

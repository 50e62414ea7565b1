import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Customer, customerKey, Email, normalizeEmail } from "./customer.ts"
import { rejectedPaths, rejectionsOf } from "./testkit.ts"

const anna = {
  customerNumber: "K-10023",
  email: "Anna.Schmidt@example.de",
  additionalEmails: ["einkauf@schmidt-textil.de"],
  firstName: "Anna",
  lastName: "Schmidt",
  phones: [{ number: "+49 30 12345678", kind: "landline" }],
  addresses: [
    {
      kind: "billing",
      isDefault: true,
      company: "Schmidt Textil GmbH",
      line1: "Torstraße 125",
      city: "Berlin",
      postalCode: "10119",
      countryCode: "DE",
    },
    { kind: "shipping", isDefault: false, line1: "Lager 3, Am Hafen 7", city: "Hamburg", countryCode: "DE" },
  ],
  company: { name: "Schmidt Textil GmbH", vatId: "DE123456789" },
  consents: [
    { channel: "email", purpose: "marketing", granted: true, at: "2026-03-14T10:22:31Z", source: "shopify:checkout" },
    { channel: "sms", purpose: "marketing", granted: false, at: "2026-05-02T16:40:00Z", source: "store:BER-01" },
  ],
  segments: ["b2b", "vip"],
  loyaltyId: "LOY-778812",
  attributes: { preferredLanguage: "de" },
  updatedAt: "2026-11-23T09:14:05Z",
}

describe("normalizeEmail", () => {
  it("trims white space a form or CSV import left around the address", () => {
    expect(normalizeEmail("  anna.schmidt@example.de\t\n")).toBe("anna.schmidt@example.de")
  })

  it("lower-cases the domain only, keeping the local part's case (RFC 5321)", () => {
    expect(normalizeEmail("Anna.Schmidt@Example.DE")).toBe("Anna.Schmidt@example.de")
  })

  it("lower-cases after the last @ when a quoted local part contains one", () => {
    expect(normalizeEmail('"Anna@Home"@GMX.NET')).toBe('"Anna@Home"@gmx.net')
  })

  it("leaves an already normalized address unchanged", () => {
    expect(normalizeEmail("Anna.Schmidt@example.de")).toBe("Anna.Schmidt@example.de")
  })
})

describe("the Email schema", () => {
  it("accepts a normalized address", () => {
    expect(rejectionsOf(Email, "Anna.Schmidt@example.de")).toEqual([])
  })

  it("rejects an upper-case domain and names the normal form", () => {
    expect(rejectionsOf(Email, "Anna.Schmidt@Example.DE")).toEqual([
      { path: "", message: "must be normalized (Anna.Schmidt@example.de)" },
    ])
  })

  it("rejects an address with surrounding white space", () => {
    expect(rejectionsOf(Email, " anna@example.de")).not.toEqual([])
  })

  it.each([["anna"], ["anna@"], ["anna@localhost"], ["anna schmidt@example.de"], [""]])(
    "rejects %j, which is not an e-mail address",
    (value) => {
      expect(rejectionsOf(Email, value)).toEqual([{ path: "", message: "must be an e-mail address" }])
    },
  )
})

describe("the Customer schema", () => {
  it("accepts a B2B customer with addresses, consents and segments", () => {
    expect(rejectionsOf(Customer, anna)).toEqual([])
    expect(Schema.decodeUnknownSync(Customer)(anna)).toEqual(anna)
  })

  it("accepts a customer with only a customer number (a store customer who gave no e-mail)", () => {
    const { email: _, ...storeCustomer } = anna
    expect(rejectionsOf(Customer, { ...storeCustomer, additionalEmails: [] })).toEqual([])
  })

  it("accepts a guest with only an e-mail", () => {
    const { customerNumber: _, ...guest } = anna
    expect(rejectionsOf(Customer, guest)).toEqual([])
  })

  it("rejects a customer with neither a customer number nor an e-mail", () => {
    const { customerNumber: _n, email: _e, ...anonymous } = anna
    expect(rejectionsOf(Customer, anonymous)).toEqual([
      { path: "email", message: "a customer needs a customer number or an e-mail" },
    ])
  })

  it("rejects an e-mail stored un-normalized, at its path", () => {
    expect(rejectedPaths(Customer, { ...anna, email: "Anna.Schmidt@EXAMPLE.de" })).toEqual(["email"])
    expect(rejectedPaths(Customer, { ...anna, additionalEmails: ["Einkauf@Schmidt-Textil.de"] })).toEqual([
      "additionalEmails[0]",
    ])
  })

  it("rejects an address kind other than billing or shipping", () => {
    const addresses = [{ ...anna.addresses[0]!, kind: "invoice" }]
    expect(rejectedPaths(Customer, { ...anna, addresses })).toContain("addresses[0].kind")
  })

  it("rejects an address country that is not ISO 3166-1 alpha-2", () => {
    const addresses = [{ ...anna.addresses[0]!, countryCode: "DEU" }]
    expect(rejectedPaths(Customer, { ...anna, addresses })).toEqual(["addresses[0].countryCode"])
  })
})

describe("marketing consents", () => {
  const consent = anna.consents[0]!

  it("carry when and where they were given", () => {
    const decoded = Schema.decodeUnknownSync(Customer)(anna)
    expect(decoded.consents[0]).toMatchObject({ at: "2026-03-14T10:22:31Z", source: "shopify:checkout" })
  })

  it("are rejected without a timestamp", () => {
    const { at: _, ...undated } = consent
    expect(rejectedPaths(Customer, { ...anna, consents: [undated] })).toEqual(["consents[0].at"])
  })

  it("are rejected with a timestamp in local time", () => {
    expect(rejectedPaths(Customer, { ...anna, consents: [{ ...consent, at: "2026-03-14T11:22:31+01:00" }] })).toEqual([
      "consents[0].at",
    ])
  })

  it("are rejected without a source, or with an empty one", () => {
    const { source: _, ...unsourced } = consent
    expect(rejectedPaths(Customer, { ...anna, consents: [unsourced] })).toEqual(["consents[0].source"])
    expect(rejectedPaths(Customer, { ...anna, consents: [{ ...consent, source: "" }] })).toEqual(["consents[0].source"])
  })

  it("are rejected for a channel the hub does not know", () => {
    expect(rejectedPaths(Customer, { ...anna, consents: [{ ...consent, channel: "whatsapp" }] })).toEqual([
      "consents[0].channel",
    ])
  })
})

describe("customerKey", () => {
  it("uses the customer number when there is one, even with an e-mail", () => {
    expect(customerKey({ customerNumber: "K-10023", email: "Anna.Schmidt@example.de" })).toBe("no:K-10023")
  })

  it("falls back to the e-mail only when there is no customer number", () => {
    expect(customerKey({ email: "Anna.Schmidt@example.de" })).toBe("email:Anna.Schmidt@example.de")
    expect(customerKey({ customerNumber: undefined, email: "Anna.Schmidt@example.de" })).toBe(
      "email:Anna.Schmidt@example.de",
    )
  })

  it("gives two spellings of the same e-mail one key", () => {
    expect(customerKey({ email: " Anna.Schmidt@EXAMPLE.de" })).toBe(customerKey({ email: "Anna.Schmidt@example.de" }))
  })

  it("keeps the customer number's key when the e-mail changes", () => {
    const before = customerKey({ customerNumber: "K-10023", email: "anna@old-mail.de" })
    const after = customerKey({ customerNumber: "K-10023", email: "anna@new-mail.de" })
    expect(after).toBe(before)
  })
})

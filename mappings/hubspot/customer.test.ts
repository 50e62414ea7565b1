import { describe, expect, it } from "vitest"
import {
  annaKeller,
  bergwerkSport,
  jonasBecker,
  lenaSchneider,
  type SeedObject,
  sophieBrandt,
} from "../../connectors/hubspot/fixtures/seed.ts"
import type { Customer } from "../../core/model/index.ts"
import { decode, decodeWrite, encodeRead, encodeWrite } from "./testing.ts"

const object = (seed: SeedObject, dateProperty: string) => ({
  id: seed.id,
  properties: { ...seed.properties, [dateProperty]: seed.updatedAt },
  createdAt: seed.createdAt,
  updatedAt: seed.updatedAt,
  archived: false,
})
const contact = (seed: SeedObject) => object(seed, "lastmodifieddate")

/** A B2B customer as an ERP would send it: company with its own number and VAT id, one billing address. */
const bergwerkBuyer: Customer = {
  customerNumber: "C-10001-02",
  email: "anna.keller@bergwerk-sport.de",
  additionalEmails: [],
  firstName: "Anna",
  lastName: "Keller",
  phones: [{ number: "+49 89 2154 7712", kind: "landline" }],
  addresses: [
    {
      company: "Bergwerk Sport GmbH",
      line1: "Leopoldstraße 82",
      city: "München",
      postalCode: "80802",
      region: "Bayern",
      countryCode: "DE",
      kind: "billing",
      isDefault: true,
    },
  ],
  company: { name: "Bergwerk Sport GmbH", vatId: "DE811907980", companyNumber: "C-10001" },
  consents: [],
  segments: [],
  attributes: { language: "de" },
  updatedAt: "2026-03-01T12:00:00Z",
}

/** A consumer who opted in at a shop's checkout. */
const mia: Customer = {
  email: "mia.wagner@example.de",
  additionalEmails: [],
  firstName: "Mia",
  lastName: "Wagner",
  phones: [{ number: "+49 160 5550123", kind: "mobile" }],
  addresses: [
    {
      line1: "Sonnenstraße 3",
      city: "Leipzig",
      postalCode: "04109",
      countryCode: "DE",
      kind: "billing",
      isDefault: true,
    },
  ],
  consents: [
    {
      channel: "email",
      purpose: "marketing",
      granted: true,
      at: "2026-02-14T18:03:11Z",
      source: "shopify:confirmed_opt_in",
    },
  ],
  segments: [],
  attributes: {},
  updatedAt: "2026-02-14T18:05:00Z",
}

describe("hubspot customer mapping", () => {
  it("reads a B2B buyer with her associated company", async () => {
    const customer = await decode("customer", {
      contact: contact(annaKeller),
      company: object(bergwerkSport, "hs_lastmodifieddate"),
    })
    expect(customer).toMatchObject({
      email: "anna.keller@bergwerk-sport.de",
      firstName: "Anna",
      lastName: "Keller",
      company: { name: "Bergwerk Sport GmbH", vatId: "DE811907980", companyNumber: "C-10001" },
      consents: [],
      updatedAt: "2026-02-27T16:41:00Z",
    })
    expect(customer.addresses).toEqual([
      {
        company: "Bergwerk Sport GmbH",
        line1: "Leopoldstraße 82",
        city: "München",
        postalCode: "80802",
        countryCode: "DE",
        kind: "billing",
        isDefault: true,
      },
    ])
  })

  it("reads a granted e-mail consent with the source and time it was given", async () => {
    const customer = await decode("customer", { contact: contact(lenaSchneider), company: null })
    expect(customer.consents).toEqual([
      { channel: "email", purpose: "marketing", granted: true, at: "2026-03-02T08:15:00Z", source: "shopify:checkout" },
    ])
  })

  it("reads an opt-out as a withdrawn consent, and no consent where HubSpot has none", async () => {
    const jonas = await decode("customer", { contact: contact(jonasBecker), company: null })
    expect(jonas.consents).toEqual([
      {
        channel: "email",
        purpose: "marketing",
        granted: false,
        at: "2026-03-05T19:44:03Z",
        source: "hubspot:unsubscribe-link",
      },
    ])
    const sophie = await decode("customer", { contact: contact(sophieBrandt), company: null })
    expect(sophie.consents).toEqual([])
    expect(sophie.addresses[0]?.countryCode).toBe("AT")
  })

  it.each([
    ["a B2B buyer", bergwerkBuyer],
    ["a consumer with consent", mia],
  ])("round-trips %s through the stream's record", async (_name, customer) => {
    expect(await decode("customer", await encodeRead("customer", customer))).toEqual(customer)
  })

  it("writes the contact upserted by e-mail and the company by its number, consent source and time kept", async () => {
    const payload = await encodeWrite("customer", mia)
    expect(payload).toMatchObject({
      email: "mia.wagner@example.de",
      customerNumber: null,
      company: null,
      contact: {
        email: "mia.wagner@example.de",
        mobilephone: "+49 160 5550123",
        country: "DE",
        hs_email_optout: "false",
        hs_legal_basis: "Freely given consent from contact",
        esl_consent_source: "shopify:confirmed_opt_in",
        esl_consent_at: "2026-02-14T18:03:11Z",
      },
    })
    expect(await decodeWrite("customer", payload)).toEqual(mia)

    const b2b = await encodeWrite("customer", bergwerkBuyer)
    expect(b2b).toMatchObject({
      company: {
        key: "C-10001",
        properties: { name: "Bergwerk Sport GmbH", customer_number: "C-10001", vat_number: "DE811907980" },
      },
    })
    expect(await decodeWrite("customer", b2b)).toEqual(bergwerkBuyer)
  })

  it("writes a withdrawn consent as an opt-out without a legal basis", async () => {
    const withdrawn: Customer = {
      ...mia,
      consents: [
        { channel: "email", purpose: "marketing", granted: false, at: "2026-03-01T07:00:00Z", source: "store:BER-01" },
      ],
    }
    const payload = (await encodeWrite("customer", withdrawn)) as { contact: Record<string, string> }
    expect(payload.contact.hs_email_optout).toBe("true")
    expect(payload.contact.hs_legal_basis).toBeUndefined()
    expect((await decodeWrite("customer", payload)).consents).toEqual(withdrawn.consents)
  })

  it("keeps the name of a company without a number on the contact", async () => {
    const { customerNumber: _, ...rest } = bergwerkBuyer
    const noNumbers: Customer = { ...rest, company: { name: "Kletterhalle Nord e.V." } }
    const payload = (await encodeWrite("customer", noNumbers)) as { company: unknown; contact: Record<string, string> }
    expect(payload.company).toBeNull()
    expect(payload.contact.company).toBe("Kletterhalle Nord e.V.")
    expect((await decodeWrite("customer", payload)).company).toEqual({ name: "Kletterhalle Nord e.V." })
  })
})

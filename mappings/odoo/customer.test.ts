import { describe, expect, it } from "vitest"
import customers from "../../connectors/odoo/fixtures/customers.json" with { type: "json" }
import type { Customer } from "../../core/model/index.ts"
import { decode, decodeWrite, encodeRead, encodeWrite } from "./testing.ts"

const [bergwerk, sophie] = customers

/** A B2C customer as a shop would send it. */
const lena: Customer = {
  customerNumber: "C-20044",
  email: "lena.vogel@example.de",
  additionalEmails: ["l.vogel@kletterzentrum.example"],
  firstName: "Lena",
  lastName: "Vogel",
  phones: [{ number: "+49 6221 555010" }],
  addresses: [
    {
      firstName: "Lena",
      lastName: "Vogel",
      line1: "Bergstraße 5",
      city: "Heidelberg",
      postalCode: "69120",
      countryCode: "DE",
      kind: "billing",
      isDefault: true,
    },
    {
      firstName: "Lena",
      lastName: "Vogel",
      line1: "Hauptstraße 120",
      line2: "c/o Kletterzentrum",
      city: "Heidelberg",
      postalCode: "69117",
      countryCode: "DE",
      phone: "+49 6221 555011",
      kind: "shipping",
      isDefault: true,
    },
  ],
  consents: [],
  segments: [],
  attributes: { language: "de-DE" },
  updatedAt: "2026-03-06T10:00:00Z",
}

describe("odoo customer mapping", () => {
  it("maps a B2B company with its contact and addresses", async () => {
    const customer = await decode("customer", bergwerk)
    expect(customer).toMatchObject({
      customerNumber: "C-10001",
      email: "einkauf@bergwerk-sport.de",
      additionalEmails: ["anna.keller@bergwerk-sport.de"],
      company: { name: "Bergwerk Sport GmbH", vatId: "DE811907980" },
      phones: [{ number: "+49 89 2154 7700" }],
      attributes: { language: "de-DE" },
      updatedAt: "2026-02-27T16:40:00Z",
    })
    expect(customer.firstName).toBeUndefined()
    expect(customer.addresses.map((a) => [a.kind, a.isDefault, a.line1, a.company])).toEqual([
      ["billing", true, "Leopoldstraße 82", "Bergwerk Sport GmbH"],
      ["billing", false, "Leopoldstraße 82", "Bergwerk Sport GmbH"],
      ["shipping", true, "Industriestraße 7", "Bergwerk Sport GmbH"],
    ])
  })

  it("maps a person, normalizing the e-mail Odoo kept as typed", async () => {
    const customer = await decode("customer", sophie)
    expect(customer).toMatchObject({ email: "Sophie.Brandt@example.com", firstName: "Sophie", lastName: "Brandt" })
    expect(customer.customerNumber).toBeUndefined()
    expect(customer.addresses).toEqual([
      {
        firstName: "Sophie",
        lastName: "Brandt",
        line1: "Mariahilfer Straße 88",
        city: "Wien",
        postalCode: "1070",
        countryCode: "AT",
        kind: "billing",
        isDefault: true,
      },
    ])
  })

  it.each([
    ["Bergwerk Sport GmbH", bergwerk],
    ["Sophie Brandt", sophie],
  ])("maps %s back to a record that maps to the same customer", async (_name, raw) => {
    const customer = await decode("customer", raw)
    expect(await decode("customer", await encodeRead("customer", customer))).toEqual(customer)
  })

  it("writes a customer as partner values with its further addresses as children, and back", async () => {
    const payload = await encodeWrite("customer", lena)
    expect(payload).toEqual({
      name: "Lena Vogel",
      is_company: false,
      ref: "C-20044",
      email: "lena.vogel@example.de, l.vogel@kletterzentrum.example",
      phone: "+49 6221 555010",
      vat: false,
      lang: "de_DE",
      street: "Bergstraße 5",
      street2: false,
      city: "Heidelberg",
      zip: "69120",
      country_code: "DE",
      addresses: [
        {
          type: "delivery",
          name: "Lena Vogel",
          street: "Hauptstraße 120",
          street2: "c/o Kletterzentrum",
          city: "Heidelberg",
          zip: "69117",
          country_code: "DE",
          phone: "+49 6221 555011",
        },
      ],
      updated_at: "2026-03-06T10:00:00Z",
    })
    expect(await decodeWrite("customer", payload)).toEqual(lena)
  })

  it("writes a company as a company partner with its VAT number", async () => {
    const company = await decode("customer", bergwerk)
    const payload = await encodeWrite("customer", company)
    expect(payload).toMatchObject({ name: "Bergwerk Sport GmbH", is_company: true, vat: "DE811907980", ref: "C-10001" })
    expect(await decodeWrite("customer", payload)).toEqual({ ...company, additionalEmails: company.additionalEmails })
  })
})

import { describe, expect, it } from "vitest"
import parties from "../../connectors/tryton/fixtures/customers.json" with { type: "json" }
import type { Customer } from "../../core/model/index.ts"
import { decode, decodeWrite, encodeRead, encodeWrite } from "./testing.ts"

const [ada, bergTal] = parties

describe("tryton customer mapping (fixtures captured from Tryton 6.0)", () => {
  it("reads a person: code as customer number, e-mail and phone mechanisms, one address for billing and shipping", async () => {
    expect(await decode("customer", ada)).toEqual({
      customerNumber: ada?.code,
      email: "ada@example.com",
      additionalEmails: [],
      firstName: "Ada",
      lastName: "Lovelace",
      phones: [{ number: "+49 30 1234567" }],
      addresses: [
        {
          firstName: "Ada",
          lastName: "Lovelace",
          line1: "Main St 1",
          city: "Berlin",
          postalCode: "10115",
          countryCode: "DE",
          kind: "billing",
          isDefault: true,
        },
        {
          firstName: "Ada",
          lastName: "Lovelace",
          line1: "Main St 1",
          city: "Berlin",
          postalCode: "10115",
          countryCode: "DE",
          kind: "shipping",
          isDefault: true,
        },
      ],
      consents: [],
      segments: [],
      attributes: {},
      updatedAt: ada?.changed_at,
    })
  })

  it("reads a party named with a legal form as a company, its second street line as line2", async () => {
    expect(await decode("customer", bergTal)).toMatchObject({
      customerNumber: "C-1042",
      company: { name: "Berg & Tal Sport GmbH" },
      addresses: [{ line1: "Hafenweg 3", line2: "Hof 2", city: "Hamburg" }, { kind: "shipping" }],
    })
  })

  it("leaves out an address without country, which cannot be canonical", async () => {
    const raw = { ...ada, addresses: ada?.addresses.map((a) => ({ ...a, country: null, "country.": null })) }
    expect((await decode("customer", raw)).addresses).toEqual([])
  })

  it.each(parties.map((p) => [p.name, p] as const))(
    "maps %s back to a party that maps to the same customer",
    async (_n, raw) => {
      const customer = await decode("customer", raw)
      expect(await decode("customer", await encodeRead("customer", customer))).toEqual(customer)
    },
  )

  it("writes a shop customer as a party payload: one address per place, e-mail and phone", async () => {
    const customer: Customer = {
      email: "grace@example.com",
      additionalEmails: [],
      firstName: "Grace",
      lastName: "Hopper",
      phones: [{ number: "+49 40 555 0101" }],
      addresses: [
        {
          firstName: "Grace",
          lastName: "Hopper",
          line1: "Elbchaussee 1",
          line2: "3. OG",
          city: "Hamburg",
          postalCode: "22763",
          countryCode: "DE",
          kind: "billing",
          isDefault: true,
        },
        {
          firstName: "Grace",
          lastName: "Hopper",
          line1: "Elbchaussee 1",
          line2: "3. OG",
          city: "Hamburg",
          postalCode: "22763",
          countryCode: "DE",
          kind: "shipping",
          isDefault: true,
        },
      ],
      consents: [],
      segments: [],
      attributes: {},
      updatedAt: "2026-11-30T08:00:00Z",
    }
    const payload = await encodeWrite("customer", customer)
    expect(payload).toEqual({
      code: null,
      name: "Grace Hopper",
      email: "grace@example.com",
      phone: "+49 40 555 0101",
      addresses: [
        {
          name: "Grace Hopper",
          street: "Elbchaussee 1\n3. OG",
          postal_code: "22763",
          city: "Hamburg",
          country_code: "DE",
        },
      ],
      updated_at: "2026-11-30T08:00:00Z",
    })
    expect(await decodeWrite("customer", payload)).toEqual({
      ...customer,
      addresses: customer.addresses.map((a) => ({ ...a, line2: "3. OG" })),
    })
  })
})

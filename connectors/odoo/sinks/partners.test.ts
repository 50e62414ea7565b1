import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooSandbox } from "../sandbox/index.ts"
import type { PartnerAddressPayload, PartnerPayload } from "../schemas/partner.ts"
import { PROTOCOLS, run, systemFor } from "../testing.ts"
import { partnersSink } from "./partners.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const warehouse: PartnerAddressPayload = {
  type: "delivery",
  name: "Lager",
  street: "Billstraße 90",
  street2: "Halle 3",
  city: "Hamburg",
  zip: "20539",
  country_code: "DE",
  phone: false,
}

const customer = (overrides: Partial<PartnerPayload> = {}): PartnerPayload => ({
  name: "Kletterhalle Nord GmbH",
  is_company: true,
  ref: "C-20001",
  email: "einkauf@kletterhalle-nord.de",
  phone: "+49 40 6688 1200",
  vat: "DE276452187",
  lang: "de_DE",
  street: "Wendenstraße 4",
  street2: false,
  city: "Hamburg",
  zip: "20097",
  country_code: "DE",
  addresses: [warehouse],
  updated_at: "2026-03-06T10:00:00Z",
  ...overrides,
})

describe.each(PROTOCOLS)("partners sink over %s", (protocol) => {
  it("creates customers with their addresses as child partners, found afterwards by number or e-mail", async () => {
    const system = await systemFor(protocol)
    const outcomes = await run(
      partnersSink.write(system.context, [
        { naturalKey: "no:C-20001", payload: customer() },
        {
          naturalKey: "email:nils@example.de",
          payload: customer({
            name: "Nils Berger",
            is_company: false,
            ref: false,
            email: "nils@example.de",
            vat: false,
            addresses: [],
          }),
        },
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok && o.action])).toEqual([
      ["no:C-20001", "created"],
      ["email:nils@example.de", "created"],
    ])
    const found = await run(partnersSink.lookup(system.context, ["no:C-20001", "email:Nils@Example.de", "no:C-404"]))
    expect([...found.keys()]).toEqual(["no:C-20001", "email:Nils@Example.de"])
    const id = Number(found.get("no:C-20001"))
    const children = sandbox.state.orm.search("res.partner", [["parent_id", "=", id]])
    expect(sandbox.state.orm.read("res.partner", children, ["type", "name", "street2", "country_code"])).toEqual([
      { id: children[0], type: "delivery", name: "Lager", street2: "Halle 3", country_code: "DE" },
    ])
    expect(sandbox.state.orm.read("res.partner", [id], ["customer_rank", "vat"])).toEqual([
      { id, customer_rank: 1, vat: "DE276452187" },
    ])
  })

  it("rejects only the customer Odoo refuses, with Odoo's own message", async () => {
    const system = await systemFor(protocol)
    sandbox.state.calls.length = 0
    const outcomes = await run(
      partnersSink.write(system.context, [
        { naturalKey: "no:C-20001", payload: customer() },
        { naturalKey: "no:C-20002", payload: customer({ ref: "C-20002", name: "Boulderbar Süd GmbH", vat: "DE1234" }) },
        { naturalKey: "no:C-20003", payload: customer({ ref: "C-20003", name: "Gipfelstürmer e.K.", vat: false }) },
      ]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
    const refused = outcomes[1]
    if (refused?.ok !== false) throw new Error("expected a rejection")
    expect(refused.error.reason).toBe(
      "The VAT number [DE1234] for partner [Boulderbar Süd GmbH] does not seem to be valid. \nNote: the expected format is DE123456788",
    )
    // One batch, refused as a whole, then one call per record.
    expect(sandbox.state.calls.filter((c) => c.model === "res.partner" && c.method === "create")).toHaveLength(4)
    expect(sandbox.state.orm.search("res.partner", [["ref", "in", ["C-20001", "C-20002", "C-20003"]]])).toHaveLength(2)
  })

  it("updates the partner the hub knows without erasing what it does not know, adding only new addresses", async () => {
    const system = await systemFor(protocol)
    const payload = customer({
      name: "Jonas Weber",
      is_company: false,
      ref: "C-10002",
      email: "jonas.weber@example.de",
      phone: "+49 170 5550999",
      vat: false,
      street: "Lindenstraße 12",
      zip: "10969",
      city: "Berlin",
      addresses: [
        {
          ...warehouse,
          name: "Jonas Weber",
          street: "Oranienstraße 25",
          street2: false,
          zip: "10999",
          city: "Berlin",
        },
      ],
    })
    for (let i = 0; i < 2; i++) {
      const [outcome] = await run(
        partnersSink.write(system.context, [{ naturalKey: "no:C-10002", externalId: "20", payload }]),
      )
      expect(outcome).toEqual({ naturalKey: "no:C-10002", ok: true, externalId: "20", action: "updated" })
    }
    expect(sandbox.state.orm.read("res.partner", [20], ["phone", "lang"])).toEqual([
      { id: 20, phone: "+49 170 5550999", lang: "de_DE" },
    ])
    expect(sandbox.state.orm.search("res.partner", [["parent_id", "=", 20]])).toHaveLength(1)
  })

  it("rejects an address in a country Odoo does not know, saying which", async () => {
    const system = await systemFor(protocol)
    const payload = customer({ addresses: [{ ...warehouse, country_code: "LI" }] })
    const [outcome] = await run(partnersSink.write(system.context, [{ naturalKey: "no:C-20001", payload }]))
    expect(outcome).toMatchObject({
      ok: false,
      error: { path: "$.addresses[0].country_code", reason: "no country with code LI in Odoo" },
    })
  })
})

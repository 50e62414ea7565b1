import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { SystemInstance, WriteItem } from "../../core/connector/index.ts"
import type { HubspotConfig } from "./config.ts"
import { hubspotSandbox } from "./sandbox/index.ts"
import type { CustomerPayload, ProductPayload } from "./schemas/payload.ts"
import { contactsSink } from "./sinks/contacts.ts"
import { productsSink } from "./sinks/products.ts"
import { run, systemFor } from "./testing.ts"

const sandbox = hubspotSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
let system: SystemInstance<HubspotConfig>

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" })
  system = await systemFor()
})
afterEach(() => sandbox.reset())
afterAll(() => server.close())

const customer = (
  email: string,
  contact: Record<string, string> = {},
  company: CustomerPayload["company"] = null,
): WriteItem<CustomerPayload> => ({
  naturalKey: `email:${email}`,
  payload: {
    email,
    customerNumber: null,
    contact: { email, firstname: "Max", lastname: "Mustermann", ...contact },
    company,
    updatedAt: "2026-03-12T10:00:00Z",
  },
})

const contactsByEmail = (email: string) =>
  [...(sandbox.state.objects.contacts?.values() ?? [])].filter((c) => c.properties.email === email)

describe("hubspot contacts sink", () => {
  it("creates a B2B buyer with her company, associated, and updates both on a second write", async () => {
    const item = customer(
      "max.mustermann@gipfelglueck.de",
      { customer_number: "C-30001" },
      {
        key: "C-30001",
        properties: { name: "Gipfelglück GmbH", customer_number: "C-30001", vat_number: "DE299999999" },
      },
    )
    const [created] = await run(contactsSink.write(system.context, [item]))
    expect(created).toMatchObject({ ok: true, action: "created" })
    const [contact] = contactsByEmail("max.mustermann@gipfelglueck.de")
    const companies = [...(sandbox.state.objects.companies?.values() ?? [])].filter(
      (c) => c.properties.customer_number === "C-30001",
    )
    expect(companies).toHaveLength(1)
    expect(sandbox.state.associations).toContainEqual(
      expect.objectContaining({
        fromType: "contacts",
        fromId: contact?.id,
        toType: "companies",
        toId: companies[0]?.id,
      }),
    )

    const [again] = await run(contactsSink.write(system.context, [item]))
    expect(again).toMatchObject({ ok: true, action: "updated", externalId: contact?.id })
    expect(contactsByEmail("max.mustermann@gipfelglueck.de")).toHaveLength(1)
    expect(sandbox.state.objects.companies?.size).toBe(2)
  })

  it("fails only the record HubSpot refuses in a 207, with HubSpot's message, and writes the rest", async () => {
    const good = customer("paula.roth@example.de")
    const bad = customer("tim.fuchs@example.de", { hs_legal_basis: "Telefonische Einwilligung" })
    const outcomes = await run(contactsSink.write(system.context, [good, bad]))
    expect(outcomes[0]).toMatchObject({ naturalKey: good.naturalKey, ok: true, action: "created" })
    const failed = outcomes[1]
    expect(failed?.ok).toBe(false)
    if (failed?.ok === false) {
      expect(failed.error.reason).toContain("Property values were not valid")
      expect(failed.error.reason).toContain("INVALID_OPTION")
    }
    expect(contactsByEmail("paula.roth@example.de")).toHaveLength(1)
    expect(contactsByEmail("tim.fuchs@example.de")).toHaveLength(0)
  })

  it("updates a contact the hub knows by id, and refuses a change to an e-mail another contact has", async () => {
    const [renamed, clash] = await run(
      contactsSink.write(system.context, [
        { ...customer("lena.schneider@example.de", { lastname: "Schneider-Wolf" }), externalId: "502" },
        { ...customer("jonas.becker@example.com", { email: "sophie.brandt@example.at" }), externalId: "503" },
      ]),
    )
    expect(renamed).toMatchObject({ ok: true, action: "updated", externalId: "502" })
    expect(sandbox.state.objects.contacts?.get("502")?.properties.lastname).toBe("Schneider-Wolf")
    expect(clash?.ok).toBe(false)
    if (clash?.ok === false) expect(clash.error.reason).toBe("Contact already exists. Existing ID: 504")
  })

  it("writes a customer without an e-mail by its customer number", async () => {
    const [written] = await run(
      contactsSink.write(system.context, [
        {
          naturalKey: "no:C-40001",
          payload: {
            email: null,
            customerNumber: "C-40001",
            contact: { customer_number: "C-40001", firstname: "Ida", lastname: "Graf" },
            company: null,
            updatedAt: "2026-03-12T10:00:00Z",
          },
        },
      ]),
    )
    expect(written).toMatchObject({ ok: true, action: "created" })
  })

  it("links by e-mail and by customer number before creating", async () => {
    const found = await run(
      contactsSink.lookup(system.context, [
        "email:lena.schneider@example.de",
        "no:C-20017",
        "email:niemand@example.de",
      ]),
    )
    expect(Object.fromEntries(found)).toEqual({ "email:lena.schneider@example.de": "502", "no:C-20017": "505" })
  })
})

const product = (productNumber: string, skus: ReadonlyArray<string>): WriteItem<ProductPayload> => {
  const [first = productNumber, ...rest] = skus
  const variant = (sku: string) => ({
    sku,
    options: [],
    status: "active" as const,
    properties: { name: `Alpenglow ${sku}`, hs_sku: sku },
  })
  return {
    naturalKey: productNumber,
    payload: {
      productNumber,
      title: { "de-DE": `Alpenglow ${productNumber}` },
      variants: [variant(first), ...rest.map(variant)],
      updatedAt: "2026-03-12T10:00:00Z",
    },
  }
}

describe("hubspot products sink", () => {
  it("upserts a product per variant by hs_sku: known SKUs are updated, new ones created", async () => {
    const [tee] = await run(
      productsSink.write(system.context, [product("ALP-TEE", ["ALP-TEE-M-BLK", "ALP-TEE-L-BLK"])]),
    )
    expect(tee).toMatchObject({ ok: true, action: "updated", externalId: "3101" })
    const skus = [...(sandbox.state.objects.products?.values() ?? [])].map((p) => p.properties.hs_sku)
    expect(skus.filter((s) => s === "ALP-TEE-M-BLK")).toHaveLength(1)
    expect(skus).toContain("ALP-TEE-L-BLK")
  })

  it("sends more than 100 variants in upserts of at most 100", async () => {
    const many = (prefix: string) => Array.from({ length: 60 }, (_, i) => `${prefix}-${i}`)
    const outcomes = await run(
      productsSink.write(system.context, [product("ALP-SOCK", many("ALP-SOCK")), product("ALP-CAP", many("ALP-CAP"))]),
    )
    expect(outcomes.map((o) => o.ok)).toEqual([true, true])
    expect(sandbox.state.objects.products?.size).toBe(123)
  })

  it("links a single-variant product by its SKU", async () => {
    const found = await run(productsSink.lookup(system.context, ["ALP-BOTTLE-075", "ALP-NOTHING"]))
    expect(Object.fromEntries(found)).toEqual({ "ALP-BOTTLE-075": "3102" })
  })
})

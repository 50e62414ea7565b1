import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { trytonClient } from "./client.ts"
import { trytonSandbox } from "./sandbox/index.ts"
import type { SalePayload } from "./schemas/salePayload.ts"
import { customersStream } from "./streams/customers.ts"
import { fulfillmentsStream } from "./streams/fulfillments.ts"
import { inventoryStream } from "./streams/inventory.ts"
import { pricesStream } from "./streams/prices.ts"
import { productsStream } from "./streams/products.ts"
import { readAll, run, runFailure, sandboxConfig, systemFor, writeAll } from "./testing.ts"

const sandbox = trytonSandbox()
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const logins = () => sandbox.state.sessions.size

describe("tryton connector on the sandbox", () => {
  it("checks with one login and names the server, database, user and company", async () => {
    const system = await systemFor(sandboxConfig())
    const result = await run(system.connector.check(system.context))
    expect(result.detail).toBe("Tryton 6.0.29, database esl, user admin, company ESL Test Trading GmbH")
    expect(logins()).toBe(1)
  })

  it("answers a wrong password with an AuthError that never shows it", async () => {
    const system = await systemFor(sandboxConfig({ password: "not-the-password" }))
    const error = await runFailure(system.connector.check(system.context))
    expect(error).toMatchObject({ _tag: "AuthError", status: 401 })
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain("not-the-password")
  })

  it("names an unknown database as such", async () => {
    const system = await systemFor(sandboxConfig({ database: "nope" }))
    expect(await runFailure(system.connector.check(system.context))).toMatchObject({
      _tag: "AuthError",
      status: 404,
      detail: "the server has no database nope; check the configured database",
    })
  })

  it("logs in again once when the session has expired (HTTP 401) and replays the call", async () => {
    const system = await systemFor(sandboxConfig())
    await run(system.connector.check(system.context))
    sandbox.state.sessions.clear()
    expect(await readAll(pricesStream, system.context)).toHaveLength(4)
    expect(logins()).toBe(1)
  })

  it("reports an unknown field as the server failing, naming the method", async () => {
    const system = await systemFor(sandboxConfig())
    const error = await runFailure(trytonClient(system.context).call("product.template", "read", [[1], ["nope"]]))
    expect(error).toMatchObject({ _tag: "VendorResponseError", operation: "model.product.template.read" })
    expect(error.message).toContain("the server failed: 'nope'")
  })

  it("gives a UserError's own message", async () => {
    const system = await systemFor(sandboxConfig())
    const error = await runFailure(trytonClient(system.context).call("party.address", "create", [[{ city: "x" }]]))
    expect(error).toMatchObject({
      _tag: "TrytonUserError",
      exception: "UserError",
      detail: 'A value is required for field "Party" in "Address".',
    })
  })
})

describe("tryton streams on the sandbox", () => {
  it("reads goods templates with variants: archived ones as inactive, services left out", async () => {
    const system = await systemFor(sandboxConfig())
    const products = await readAll(productsStream, system.context)
    expect(products.map((p) => [p.name, p.active, p.variants.map((v) => v.code)])).toEqual([
      ["Trail Runner Tee", 1, ["TEE-M", "TEE-L"]],
      ["Alpine Water Bottle 0.75 l", 1, ["ALP-BOTTLE-075"]],
      ["Summit Down Jacket", 0, ["JKT-SUMMIT"]],
    ])
  })

  it("reads only what changed after the cursor, a template moved by its variant's change", async () => {
    const system = await systemFor(sandboxConfig())
    const all = await readAll(productsStream, system.context)
    const last = productsStream.positionOf(all.at(-1)!)
    expect(await readAll(productsStream, system.context, { since: last })).toEqual([])
    await run(trytonClient(system.context).call("product.product", "write", [[2], { suffix_code: "-XL" }]))
    const changed = await readAll(productsStream, system.context, { since: last })
    expect(changed.map((p) => p.variants.map((v) => v.code))).toEqual([["TEE-M", "TEE-XL"]])
  })

  it("reads a variant's price from its template, incrementally", async () => {
    const system = await systemFor(sandboxConfig())
    const prices = await readAll(pricesStream, system.context)
    expect(prices.map((p) => [p.code, p.list_price.decimal, p.currency])).toEqual([
      ["TEE-M", "29.90", "EUR"],
      ["TEE-L", "29.90", "EUR"],
      ["ALP-BOTTLE-075", "21.50", "EUR"],
      ["JKT-SUMMIT", "249.00", "EUR"],
    ])
    expect(await run(pricesStream.readByIds!(system.context, ["3"]))).toMatchObject([{ code: "ALP-BOTTLE-075" }])
  })

  it("reads stock per warehouse, a waiting shipment in the forecast and a done one in the quantity", async () => {
    const system = await systemFor(sandboxConfig())
    const levels = await readAll(inventoryStream, system.context)
    const of = (code: string, warehouse: string) =>
      levels.find((l) => l.code === code && l.warehouse_code === warehouse)
    expect(of("TEE-M", "WH")).toMatchObject({ quantity: 38, forecast_quantity: 38 })
    expect(of("TEE-L", "BER")).toMatchObject({ quantity: 7 })
    expect(of("TEE-M", "BER")).toMatchObject({ quantity: 3 })
    expect(await run(inventoryStream.readByIds!(system.context, ["2@12"]))).toMatchObject([
      { code: "TEE-L", quantity: 7 },
    ])
  })

  it("reads customers with addresses and mechanisms, not the company's own party", async () => {
    const system = await systemFor(sandboxConfig())
    const customers = await readAll(customersStream, system.context)
    expect(customers.map((c) => [c.code, c.name, c.contact_mechanisms.map((m) => m.value)])).toEqual([
      ["2", "Ada Lovelace", ["ada@example.com", "+49 30 1234567"]],
      ["C-1042", "Berg & Tal Sport GmbH", ["einkauf@bergtal.example"]],
      ["3", "Jonas Weber", ["jonas.weber@example.at"]],
    ])
  })

  it("reads the done shipment with the sale it ships", async () => {
    const system = await systemFor(sandboxConfig())
    const [shipment] = await readAll(fulfillmentsStream, system.context)
    expect(shipment).toMatchObject({
      number: "1",
      warehouse_code: "WH",
      moves: [{ code: "TEE-M", quantity: 2, state: "done" }],
      sales: [{ number: "1", reference: "shop:1001" }],
    })
    expect(await run(fulfillmentsStream.readByIds!(system.context, ["1"]))).toEqual([shipment])
  })
})

const orderFor = (reference: string, customer: SalePayload["customer"]): SalePayload => ({
  reference,
  description: "shop",
  placed_at: "2026-11-30T08:00:00Z",
  currency: "EUR",
  prices_include_tax: true,
  customer,
  invoice_address: null,
  shipment_address: { name: null, street: "Elbchaussee 1", postal_code: "22763", city: "Hamburg", country_code: "DE" },
  lines: [{ kind: "product", sku: "TEE-L", description: null, quantity: 1, unit_price: "29.90" }],
  comment: null,
  confirm: true,
  updated_at: "2026-11-30T08:00:00Z",
})

describe("tryton sinks on the sandbox", () => {
  it("makes one party for two orders of one new customer in a batch, and finds known ones by code", async () => {
    const system = await systemFor(sandboxConfig())
    const grace = { code: null, email: "grace@example.com", name: "Grace Hopper", phone: null }
    const outcomes = await writeAll(system, "orders", [
      { naturalKey: "shop:2001", payload: orderFor("shop:2001", grace) },
      { naturalKey: "shop:2002", payload: orderFor("shop:2002", grace) },
      {
        naturalKey: "shop:2003",
        payload: orderFor("shop:2003", { code: "C-1042", email: null, name: "x", phone: null }),
      },
    ])
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true])
    const parties = [...sandbox.state.store.table("sale.sale").values()].filter((s) =>
      String(s.reference).startsWith("shop:200"),
    )
    expect(parties.map((s) => s.party)).toEqual([5, 5, 3])
    expect(parties.map((s) => s.state)).toEqual(["processing", "processing", "processing"])
  })

  it("rejects an order whose country Tryton does not know, at the address", async () => {
    const system = await systemFor(sandboxConfig())
    const payload = orderFor("shop:2004", { code: "C-1042", email: null, name: "x", phone: null })
    const [outcome] = await writeAll(system, "orders", [
      {
        naturalKey: "shop:2004",
        payload: { ...payload, shipment_address: { ...payload.shipment_address!, country_code: "CH" } },
      },
    ])
    expect(outcome).toMatchObject({ ok: false, error: { path: "$.invoice_address.country_code" } })
  })

  it("updates a known party: new name, an address and a mechanism it lacked, nothing removed", async () => {
    const system = await systemFor(sandboxConfig())
    const [outcome] = await writeAll(system, "customers", [
      {
        naturalKey: "no:C-1042",
        externalId: "3",
        payload: {
          code: "C-1042",
          name: "Berg & Tal Outdoor GmbH",
          email: "einkauf@bergtal.example",
          phone: "+49 40 1234",
          addresses: [
            { name: null, street: "Hafenweg 3\nHof 2", postal_code: "20457", city: "Hamburg", country_code: "DE" },
          ],
          updated_at: "2026-11-30T08:00:00Z",
        },
      },
    ])
    expect(outcome).toMatchObject({ ok: true, action: "updated", externalId: "3" })
    const [party] = await run(customersStream.readByIds!(system.context, ["3"]))
    expect(party?.name).toBe("Berg & Tal Outdoor GmbH")
    expect(party?.addresses).toHaveLength(1)
    expect(party?.contact_mechanisms.map((m) => m.value)).toEqual(["einkauf@bergtal.example", "+49 40 1234"])
  })

  it("looks customers up by code and by e-mail in any case of its domain", async () => {
    const system = await systemFor(sandboxConfig())
    const found = await run(
      system.connector.sinks.customers!.lookup(system.context, [
        "no:C-1042",
        "email:ada@EXAMPLE.com",
        "email:nobody@example.com",
      ]),
    )
    expect([...found]).toEqual([
      ["no:C-1042", "3"],
      ["email:ada@EXAMPLE.com", "2"],
    ])
  })

  it("completes a confirmation a crash cut short, and leaves a processed sale alone", async () => {
    const system = await systemFor(sandboxConfig())
    const store = sandbox.state.store
    store.now = { __class__: "datetime", year: 2026, month: 11, day: 30, hour: 9, minute: 0, second: 0, microsecond: 0 }
    const [draft] = store.create("sale.sale", [
      {
        party: 2,
        company: 1,
        currency: 1,
        warehouse: 5,
        invoice_address: 2,
        shipment_address: 2,
        invoice_method: "manual",
        reference: "shop:2005",
        lines: [
          [
            "create",
            [
              {
                type: "line",
                product: 1,
                quantity: 1,
                unit: 1,
                unit_price: { __class__: "Decimal", decimal: "29.90" },
              },
            ],
          ],
        ],
      },
    ])
    const payload = orderFor("shop:2005", { code: "2", email: null, name: "Ada", phone: null })
    const outcomes = await writeAll(system, "orders", [
      { naturalKey: "shop:2005", externalId: String(draft), payload },
      { naturalKey: "shop:1001", externalId: "1", payload: orderFor("shop:1001", payload.customer) },
    ])
    expect(outcomes).toMatchObject([
      { ok: true, action: "updated", externalId: String(draft) },
      { ok: true, action: "updated", externalId: "1" },
    ])
    expect(store.row("sale.sale", draft ?? 0)?.state).toBe("processing")
    expect(store.row("sale.sale", 1)?.state).toBe("done")
    expect(await Effect.runPromise(Effect.succeed(store.row("sale.sale", draft ?? 0)?.shipment_state))).toBe("waiting")
  })
})

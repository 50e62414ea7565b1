import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { WriteOutcome } from "../../../core/connector/define.ts"
import { odooSandbox } from "../sandbox/index.ts"
import type { SaleOrderLinePayload, SaleOrderPayload } from "../schemas/saleOrderPayload.ts"
import { stockStream } from "../streams/stock.ts"
import { PROTOCOLS, readAll, run, systemFor } from "../testing.ts"
import { saleOrdersSink } from "./saleOrders.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const line = (sku: string, quantity: number, price: number, tax: number): SaleOrderLinePayload => ({
  kind: "product",
  sku,
  name: false,
  ref: `gid://shopify/LineItem/${sku}`,
  product_uom_qty: quantity,
  price_unit: price,
  discount: 0,
  discounts: [],
  taxes: [{ title: "MwSt. 19 %", rate: 19, amount: tax }],
})

/** A Shopify order of Jonas Weber (customer C-10002 in Odoo): two black tees, net prices plus 19 % VAT. */
const order = (number: string, overrides: Partial<SaleOrderPayload> = {}): SaleOrderPayload => ({
  client_order_ref: `shopify:${number}`,
  origin: "shopify",
  date_order: "2026-03-05 14:22:10",
  currency: "EUR",
  prices_include_tax: false,
  customer: {
    ref: "C-10002",
    email: "jonas.weber@example.de",
    partner: {
      name: "Jonas Weber",
      is_company: false,
      ref: "C-10002",
      email: "jonas.weber@example.de",
      phone: "+49 170 5550123",
      vat: false,
      lang: false,
      street: "Lindenstraße 12",
      street2: false,
      city: "Berlin",
      zip: "10969",
      country_code: "DE",
      addresses: [],
      updated_at: "2026-03-05T14:22:11Z",
    },
  },
  invoice_address: false,
  shipping_address: false,
  pickup_warehouse_code: false,
  lines: [line("ALP-TEE-M-BLK", 2, 29.95, 11.38)],
  note: false,
  confirm: true,
  updated_at: "2026-03-05T14:22:11Z",
  ...overrides,
})

const item = (payload: SaleOrderPayload, externalId?: string) => ({
  naturalKey: payload.client_order_ref,
  payload,
  ...(externalId === undefined ? {} : { externalId }),
})

const idOf = (outcome: WriteOutcome | undefined): number => {
  if (outcome?.ok !== true) throw new Error(`expected a written order, got ${JSON.stringify(outcome)}`)
  return Number(outcome.externalId)
}

const ordersWithRef = (ref: string) => sandbox.state.orm.search("sale.order", [["client_order_ref", "=", ref]])

describe.each(PROTOCOLS)("saleOrders sink over %s", (protocol) => {
  it("creates the order confirmed, with the channel's date, and reserves the store's stock for click & collect", async () => {
    const system = await systemFor(protocol)
    const [outcome] = await run(
      saleOrdersSink.write(system.context, [item(order("1002", { pickup_warehouse_code: "BER" }))]),
    )
    expect(outcome).toMatchObject({ naturalKey: "shopify:1002", ok: true, action: "created" })
    const [created] = sandbox.state.orm.read(
      "sale.order",
      [idOf(outcome)],
      [
        "state",
        "client_order_ref",
        "origin",
        "date_order",
        "partner_id",
        "partner_shipping_id",
        "warehouse_id",
        "amount_total",
      ],
    )
    expect(created).toMatchObject({
      state: "sale",
      client_order_ref: "shopify:1002",
      origin: "shopify",
      date_order: "2026-03-05 14:22:10",
      partner_id: [20, "Jonas Weber"],
      partner_shipping_id: [3, "Alpenglow Outfitters GmbH, Berlin Mitte Store"],
      warehouse_id: [2, "Berlin Mitte Store"],
      amount_total: 71.28,
    })
    const levels = await readAll(stockStream, system.context)
    expect(levels.filter((l) => l.default_code === "ALP-TEE-M-BLK" && l.warehouse_code === "BER").at(-1)).toMatchObject(
      {
        quantity: 6,
        reserved_quantity: 2,
      },
    )
  })

  it("does not create a duplicate when the run dies between the create and the cross-reference", async () => {
    const system = await systemFor(protocol)
    const payload = order("1003")
    const [first] = await run(saleOrdersSink.write(system.context, [item(payload)]))
    // The crash: the engine never recorded the id. On the re-run it links before creating.
    const found = await run(saleOrdersSink.lookup(system.context, ["shopify:1003", "shopify:9999"]))
    expect([...found.entries()]).toEqual([["shopify:1003", String(idOf(first))]])
    const [again] = await run(saleOrdersSink.write(system.context, [item(payload, found.get("shopify:1003"))]))
    expect(again).toEqual({ naturalKey: "shopify:1003", ok: true, externalId: String(idOf(first)), action: "updated" })
    expect(ordersWithRef("shopify:1003")).toHaveLength(1)
  })

  it("finishes the confirmation a crash cut short, and puts the channel's date back", async () => {
    const system = await systemFor(protocol)
    const [draft] = sandbox.state.orm.create("sale.order", [
      {
        partner_id: 20,
        client_order_ref: "shopify:1004",
        order_line: [[0, 0, { product_id: 11, product_uom_qty: 1 }]],
      },
    ])
    const found = await run(saleOrdersSink.lookup(system.context, ["shopify:1004"]))
    const [outcome] = await run(saleOrdersSink.write(system.context, [item(order("1004"), found.get("shopify:1004"))]))
    expect(outcome).toMatchObject({ ok: true, action: "updated", externalId: String(draft) })
    expect(sandbox.state.orm.read("sale.order", [draft ?? 0], ["state", "date_order"])).toEqual([
      { id: draft, state: "sale", date_order: "2026-03-05 14:22:10" },
    ])
  })

  it("rejects only the order with an unknown SKU, naming the SKU and where it is, and creates the rest in one call", async () => {
    const system = await systemFor(protocol)
    sandbox.state.calls.length = 0
    const outcomes = await run(
      saleOrdersSink.write(system.context, [
        item(order("2001")),
        item(order("2002", { lines: [line("ALP-TEE-M-BLK", 1, 29.95, 5.69), line("ALP-TEE-XL-BLK", 1, 29.95, 5.69)] })),
        item(order("2003", { lines: [line("ALP-BEANIE", 3, 19.99, 11.39)] })),
      ]),
    )
    expect(outcomes.map((o) => [o.naturalKey, o.ok])).toEqual([
      ["shopify:2001", true],
      ["shopify:2002", false],
      ["shopify:2003", true],
    ])
    const rejected = outcomes[1]
    if (rejected?.ok !== false) throw new Error("expected a rejection")
    expect(rejected.error).toMatchObject({
      _tag: "RecordRejected",
      entity: "order",
      recordKey: "shopify:2002",
      path: "$.lines[1].sku",
    })
    expect(rejected.error.reason).toContain("unknown SKU ALP-TEE-XL-BLK")
    expect(ordersWithRef("shopify:2002")).toEqual([])
    expect(sandbox.state.calls.filter((c) => c.model === "sale.order" && c.method === "create")).toHaveLength(1)
  })

  it("creates a new customer once for all its orders, with a delivery address of its own", async () => {
    const system = await systemFor(protocol)
    const newcomer = {
      ref: false as const,
      email: "lena.vogel@example.de",
      partner: {
        ...order("x").customer.partner,
        name: "Lena Vogel",
        ref: false as const,
        email: "lena.vogel@example.de",
        street: "Bergstraße 5",
        zip: "69120",
        city: "Heidelberg",
      },
    }
    const delivery = {
      type: "delivery" as const,
      name: "Lena Vogel",
      street: "Hauptstraße 120",
      street2: "c/o Kletterzentrum",
      city: "Heidelberg",
      zip: "69117",
      country_code: "DE",
      phone: false as const,
    }
    const outcomes = await run(
      saleOrdersSink.write(system.context, [
        item(order("3001", { customer: newcomer, shipping_address: delivery })),
        item(order("3002", { customer: newcomer, shipping_address: delivery })),
      ]),
    )
    expect(outcomes.every((o) => o.ok)).toBe(true)
    const partners = sandbox.state.orm.search("res.partner", [["email", "=", "lena.vogel@example.de"]])
    expect(partners).toHaveLength(1)
    const children = sandbox.state.orm.search("res.partner", [["parent_id", "in", partners]])
    expect(sandbox.state.orm.read("res.partner", children, ["type", "street"])).toEqual([
      { id: children[0], type: "delivery", street: "Hauptstraße 120" },
    ])
    const shipping = outcomes.map((o) => sandbox.state.orm.get("sale.order", idOf(o))?.partner_shipping_id)
    expect(shipping).toEqual([children[0], children[0]])
    expect(sandbox.state.orm.read("res.partner", partners, ["customer_rank", "ref"])).toEqual([
      { id: partners[0], customer_rank: 1, ref: false },
    ])
  })

  it("finds an existing customer by e-mail whatever its case, when it has no customer number", async () => {
    const system = await systemFor(protocol)
    const customer = {
      ref: false as const,
      email: "sophie.brandt@example.com",
      partner: { ...order("x").customer.partner, name: "Sophie Brandt" },
    }
    const [outcome] = await run(saleOrdersSink.write(system.context, [item(order("4001", { customer }))]))
    expect(sandbox.state.orm.get("sale.order", idOf(outcome))?.partner_id).toBe(21)
  })

  it("rejects an order whose tax rate or pickup store Odoo does not have, saying where", async () => {
    const system = await systemFor(protocol)
    const swiss = { ...line("ALP-BEANIE", 1, 19.99, 1.54), taxes: [{ title: "MWST 7.7 %", rate: 7.7, amount: 1.54 }] }
    const outcomes = await run(
      saleOrdersSink.write(system.context, [
        item(order("5001", { lines: [swiss] })),
        item(order("5002", { pickup_warehouse_code: "MUC" })),
      ]),
    )
    expect(outcomes.map((o) => (o.ok ? undefined : [o.error.path, o.error.reason]))).toEqual([
      ["$.lines[0].taxes[0].rate", "no sale tax of 7.7 % excluded from the price in Odoo"],
      ["$.pickup_warehouse_code", "no warehouse with short name MUC in Odoo"],
    ])
  })
})

/**
 * The scenario of issue 6 for the tryton connector, run against a real Tryton 6.0 by
 * test/e2e/tryton.e2e.test.ts and against the sandbox by sandbox/fidelity.test.ts: check,
 * every stream on data it creates, the customers sink, the orders sink creating a confirmed
 * sale once, a shipment done → fulfillment, stock after the shipment.
 */
import { Effect } from "effect"
import { beforeAll, expect, it } from "vitest"
import type { SystemInstance } from "../../core/connector/index.ts"
import { decodeRecord, mappingContext } from "../../core/mapping/index.ts"
import { trytonMappings } from "../../mappings/tryton/index.ts"
import { trytonClient } from "./client.ts"
import type { TrytonConfig, TrytonConfigInput } from "./config.ts"
import type { PartyPayload } from "./schemas/party.ts"
import type { SalePayload } from "./schemas/salePayload.ts"
import { customersStream } from "./streams/customers.ts"
import { fulfillmentsStream } from "./streams/fulfillments.ts"
import { inventoryStream } from "./streams/inventory.ts"
import { ordersStream } from "./streams/orders.ts"
import { pricesStream } from "./streams/prices.ts"
import { productsStream } from "./streams/products.ts"
import {
  clientOf,
  createProduct,
  readAll,
  run,
  runFailure,
  saleByReference,
  setStock,
  shipSale,
  stockOf,
  systemFor,
  writeAll,
} from "./testing.ts"

const run_ = Date.now().toString(36).toUpperCase()
const TEE = `E2E-TEE-${run_}`
const BOTTLE = `E2E-BTL-${run_}`
const order = (n: number): SalePayload => ({
  reference: `e2e-shop:${run_}-${n}`,
  description: "e2e-shop",
  placed_at: "2026-11-30T10:00:00Z",
  currency: "EUR",
  prices_include_tax: true,
  customer: {
    code: null,
    email: `grace.${run_.toLowerCase()}@example.com`,
    name: "Grace Hopper",
    phone: "+49 40 555 0101",
  },
  invoice_address: {
    name: "Grace Hopper",
    street: "Elbchaussee 1",
    postal_code: "22763",
    city: "Hamburg",
    country_code: "DE",
  },
  shipment_address: {
    name: "Grace Hopper",
    street: "Elbchaussee 1",
    postal_code: "22763",
    city: "Hamburg",
    country_code: "DE",
  },
  lines: [
    { kind: "product", sku: `${TEE}-M`, description: "Trail Runner Tee M", quantity: 2, unit_price: "29.90" },
    { kind: "shipping", sku: null, description: "Standard shipping", quantity: 1, unit_price: "4.90" },
  ],
  comment: null,
  confirm: true,
  updated_at: "2026-11-30T10:00:00Z",
})

/**
 * The scenario the e2e test runs against a real Tryton and the sandbox's fidelity test against
 * the sandbox: the same calls on both. Records get a per-run suffix, as other suites share the
 * real server.
 */
export const trytonScenario = (configOf: () => TrytonConfigInput): void => {
  let system: SystemInstance<TrytonConfig>
  const since = { at: new Date(Date.now() - 2_000).toISOString(), id: "0" }

  beforeAll(async () => {
    system = await systemFor(configOf())
    const client = clientOf(system)
    await createProduct(client, { name: "Trail Runner Tee", code: TEE, listPrice: "29.90", suffixes: ["-M", "-L"] })
    await createProduct(client, { name: "Alpine Water Bottle", code: BOTTLE, listPrice: "19.99" })
    await setStock(client, `${TEE}-M`, 40)
    await setStock(client, BOTTLE, 7, "BER-STO")
  })

  it("checks: logs in, reads the user's company and the server version", async () => {
    const result = await run(system.connector.check(system.context))
    expect(result.detail).toMatch(/^Tryton 6\.0\.\d+, database \w+, user admin, company /)
  })

  it("refuses a wrong password with an AuthError that does not show it", async () => {
    const bad = await systemFor({ ...configOf(), password: "wrong-secret-pw" })
    const error = await runFailure(bad.connector.check(bad.context))
    expect(error).toMatchObject({ _tag: "AuthError", status: 401 })
    expect(JSON.stringify(error)).not.toContain("wrong-secret-pw")
  })

  it("reads the new products incrementally, with variants, and maps them", async () => {
    const products = await readAll(productsStream, system.context, { since })
    const tee = products.find((p) => p.code === TEE)
    expect(tee?.variants.map((v) => v.code)).toEqual([`${TEE}-M`, `${TEE}-L`])
    const mapped = await Effect.runPromise(
      decodeRecord(trytonMappings.product!, mappingContext("erp", system.defaults), tee, String(tee?.id)),
    )
    expect(mapped).toMatchObject({
      productNumber: TEE,
      status: "active",
      variants: [{ sku: `${TEE}-M` }, { sku: `${TEE}-L` }],
    })
  })

  it("reads a price change as a change of every variant's price", async () => {
    const client = clientOf(system)
    const [teeTemplate] = (await readAll(productsStream, system.context, { since })).filter((p) => p.code === TEE)
    const before = new Date().toISOString()
    await run(
      client.call("product.template", "write", [
        [teeTemplate?.id ?? 0],
        { list_price: { __class__: "Decimal", decimal: "24.90" } },
      ]),
    )
    const prices = await readAll(pricesStream, system.context, { since: { at: before, id: "0" } })
    expect(prices.filter((p) => p.code?.startsWith(TEE)).map((p) => [p.code, p.list_price.decimal])).toEqual([
      [`${TEE}-M`, "24.90"],
      [`${TEE}-L`, "24.90"],
    ])
  })

  it("reads stock per warehouse: 40 tees in WH, 7 bottles in the Berlin store", async () => {
    const levels = await readAll(inventoryStream, system.context)
    const at = (sku: string, warehouse: string) => levels.find((l) => l.code === sku && l.warehouse_code === warehouse)
    expect(at(`${TEE}-M`, "WH")).toMatchObject({ quantity: 40, forecast_quantity: 40 })
    expect(at(BOTTLE, "BER")).toMatchObject({ quantity: 7 })
    expect(at(BOTTLE, "WH")).toMatchObject({ quantity: 0 })
  })

  it("writes a customer once, then finds it by e-mail and reads it back with address and mechanisms", async () => {
    const email = `ada.${run_.toLowerCase()}@example.com`
    const payload: PartyPayload = {
      code: null,
      name: "Ada Lovelace",
      email,
      phone: "+49 30 1234567",
      addresses: [
        { name: "Ada Lovelace", street: "Main St 1", postal_code: "10115", city: "Berlin", country_code: "DE" },
      ],
      updated_at: "2026-11-30T10:00:00Z",
    }
    const [created] = await writeAll(system, "customers", [{ naturalKey: `email:${email}`, payload }])
    expect(created).toMatchObject({ ok: true, action: "created" })
    const found = await run(system.connector.sinks.customers!.lookup(system.context, [`email:${email}`]))
    expect(found.get(`email:${email}`)).toBe(created?.ok === true ? created.externalId : "")
    const [party] = await run(
      system.connector.streams.customers!.readByIds!(system.context, [found.get(`email:${email}`) ?? ""]),
    )
    expect(party).toMatchObject({ name: "Ada Lovelace", addresses: [{ city: "Berlin", "country.": { code: "DE" } }] })
    const customers = await readAll(customersStream, system.context, { since })
    expect(customers.some((c) => c.id === party?.id)).toBe(true)
  })

  it("creates a confirmed sale from a channel order (processing, shipment waiting), and never twice", async () => {
    const payload = order(1)
    const [first] = await writeAll(system, "orders", [{ naturalKey: payload.reference, payload }])
    expect(first).toMatchObject({ ok: true, action: "created" })
    const client = clientOf(system)
    expect(await saleByReference(client, payload.reference)).toMatchObject({
      state: "processing",
      shipment_state: "waiting",
    })
    expect(await stockOf(client, `${TEE}-M`)).toEqual({ quantity: 40, forecast: 38 })
    const linked = await run(system.connector.sinks.orders!.lookup(system.context, [payload.reference]))
    expect(linked.get(payload.reference)).toBe(first?.ok === true ? first.externalId : "")
    const [again] = await writeAll(system, "orders", [
      { naturalKey: payload.reference, externalId: linked.get(payload.reference) ?? "", payload },
    ])
    expect(again).toMatchObject({ ok: true, action: "updated", externalId: linked.get(payload.reference) })
    const sales = await run(
      client.call("sale.sale", "search", [[["reference", "=", payload.reference]], 0, null, null]),
    )
    expect(sales).toHaveLength(1)
  })

  it("reads the confirmed sale back as the channel's order, confirmed in the ERP", async () => {
    const reference = order(1).reference
    const sales = await readAll(ordersStream, system.context, { since })
    const sale = sales.find((s) => s.reference === reference)
    expect(sale).toMatchObject({ state: "processing", shipment_state: "waiting", "currency.": { code: "EUR" } })
    const mapped = await Effect.runPromise(
      decodeRecord(trytonMappings.order!, mappingContext("erp", system.defaults), sale, String(sale?.id)),
    )
    expect(mapped).toMatchObject({
      channel: "e2e-shop",
      orderNumber: `${run_}-1`,
      status: "confirmed",
      lines: [{ sku: `${TEE}-M`, quantity: 2, unitPrice: { amount: 2990 } }],
      shippingLines: [{ amount: { amount: 490 } }],
      totals: { grandTotal: { amount: 6470 } },
    })
  })

  it("answers an unknown field as a server failure and a missing required value with Tryton's message", async () => {
    const client = trytonClient(system.context)
    const unknown = await runFailure(client.call("product.template", "read", [[1], ["no_such_field"]]))
    expect(unknown).toMatchObject({ _tag: "VendorResponseError", operation: "model.product.template.read" })
    expect(unknown.message).toContain("the server failed: 'no_such_field'")
    expect(await runFailure(client.call("party.address", "create", [[{ city: "Berlin" }]]))).toMatchObject({
      _tag: "TrytonUserError",
      exception: "UserError",
      detail: 'A value is required for field "Party" in "Address".',
    })
  })

  it("rejects an order for a product Tryton does not have, naming the line", async () => {
    const payload = {
      ...order(2),
      lines: [
        { kind: "product" as const, sku: "E2E-NO-SUCH", description: null, quantity: 1, unit_price: "1.00" },
      ] as const,
    }
    const [outcome] = await writeAll(system, "orders", [{ naturalKey: payload.reference, payload }])
    expect(outcome).toMatchObject({ ok: false, error: { _tag: "RecordRejected", path: "$.lines[0].sku" } })
  })

  it("reads a done shipment as a fulfillment of the channel order, and stock goes down", async () => {
    const client = clientOf(system)
    const reference = order(1).reference
    const before = new Date().toISOString()
    await shipSale(client, reference)
    expect(await saleByReference(client, reference)).toMatchObject({ state: "done", shipment_state: "sent" })
    const shipments = await readAll(fulfillmentsStream, system.context, { since: { at: before, id: "0" } })
    const shipment = shipments.find((s) => s.sales.some((sale) => sale.reference === reference))
    expect(shipment?.moves.map((m) => [m.code, m.quantity])).toEqual([[`${TEE}-M`, 2]])
    const fulfillment = await Effect.runPromise(
      decodeRecord(trytonMappings.fulfillment!, mappingContext("erp", system.defaults), shipment, String(shipment?.id)),
    )
    expect(fulfillment).toMatchObject({
      channel: "e2e-shop",
      orderNumber: `${run_}-1`,
      lines: [{ sku: `${TEE}-M`, quantity: 2 }],
      locationCode: "WH",
      status: "shipped",
    })
    expect(await stockOf(client, `${TEE}-M`)).toEqual({ quantity: 38, forecast: 38 })
    const [sale] = await readAll(ordersStream, system.context, { since: { at: before, id: "0" } })
    expect(sale).toMatchObject({ reference, state: "done", shipment_state: "sent" })
  })

  it("re-logs in after the session is logged out (HTTP 401) and carries on", async () => {
    const client = clientOf(system)
    await run(client.rpc("common.db.logout", []))
    const result = await run(system.connector.check(system.context))
    expect(result.ok).toBe(true)
  })
}

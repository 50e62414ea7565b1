import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import type { StreamCursor, StreamDefinition } from "../../../core/connector/define.ts"
import type { OdooConfig } from "../config.ts"
import { odooSandbox } from "../sandbox/index.ts"
import { PROTOCOLS, readAll, readPages, run, systemFor } from "../testing.ts"
import { listPricesStream } from "./listPrices.ts"
import { partnersStream } from "./partners.ts"
import { pricelistItemsStream } from "./pricelistItems.ts"
import { productsStream } from "./products.ts"
import { saleOrdersStream } from "./saleOrders.ts"
import { stockStream } from "./stock.ts"
import { warehousesStream } from "./warehouses.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

// biome-ignore lint/suspicious/noExplicitAny: a table of streams of different record types.
type AnyStream = StreamDefinition<OdooConfig, any>

/** How many distinct records each stream has in the seed. */
const STREAMS: ReadonlyArray<readonly [string, AnyStream, number]> = [
  ["products", productsStream, 5],
  ["listPrices", listPricesStream, 11],
  ["pricelistItems", pricelistItemsStream, 13],
  ["stock", stockStream, 17],
  ["warehouses", warehousesStream, 2],
  ["partners", partnersStream, 6],
  ["saleOrders", saleOrdersStream, 3],
]

/** Pages small enough that every stream has several. */
const pageSizeFor = (expected: number) => Math.min(2, expected - 1)

const compare = (a: StreamCursor, b: StreamCursor) =>
  a.at === b.at ? Number(a.id) - Number(b.id) : a.at < b.at ? -1 : 1

describe.each(PROTOCOLS)("odoo streams over %s", (protocol) => {
  it.each(STREAMS)("%s pages to the end, in (updatedAt, id) order", async (_name, stream, expected) => {
    const system = await systemFor(protocol)
    const pages = await readPages(stream, system.context, { pageSize: pageSizeFor(expected) })
    const records = pages.flat()
    expect(pages.length).toBeGreaterThan(1)
    expect(new Set(records.map(stream.idOf)).size).toBe(expected)
    const positions = records.map(stream.positionOf)
    expect([...positions].sort(compare)).toEqual(positions)
  })

  it.each(STREAMS.filter(([name]) => name !== "stock"))(
    "%s resumes from any page boundary, inside a run of equal write_dates, missing nothing and repeating nothing",
    async (_name, stream, expected) => {
      const system = await systemFor(protocol)
      const pageSize = pageSizeFor(expected)
      const pages = await readPages(stream, system.context, { pageSize })
      const all = pages.flat().map(stream.idOf)
      for (let k = 1; k < pages.length; k++) {
        const seen = pages.slice(0, k).flat()
        const last = seen.at(-1)
        if (last === undefined) continue
        const rest = await readAll(stream, system.context, { pageSize, since: stream.positionOf(last) })
        expect([...seen.map(stream.idOf), ...rest.map(stream.idOf)]).toEqual(all)
      }
    },
  )

  it("breaks ties of records sharing a write_date by id across a page boundary", async () => {
    const system = await systemFor(protocol)
    // Five customers were imported at the same second; pages of two cut through them.
    const pages = await readPages(partnersStream, system.context, { pageSize: 2 })
    const imported = pages.flat().filter((p) => p.changed_at === "2026-03-02 09:15:00")
    expect(imported.map((p) => p.id)).toEqual([20, 21, 22, 23, 24])
    const first = pages[1]?.at(-1)
    expect(first).toBeDefined()
    if (first === undefined) return
    const rest = await readAll(partnersStream, system.context, { pageSize: 2, since: partnersStream.positionOf(first) })
    expect(rest.map((p) => p.id)).toEqual([22, 23, 24])
  })

  it("products: brings a template back when only one of its variants changed", async () => {
    const system = await systemFor(protocol)
    // After every template's own write_date; one variant (ALP-TRAIL-44) changed later.
    const since = { at: "2026-02-12T14:30:00Z", id: "5" }
    const changed = await readAll(productsStream, system.context, { since })
    expect(changed.map((p) => p.name)).toEqual(["Trail Running Shoe"])
    expect(productsStream.positionOf(changed[0] ?? never())).toEqual({ at: "2026-02-25T10:05:00Z", id: "3" })

    sandbox.state.orm.clock = () => "2026-04-01 09:00:00"
    sandbox.state.orm.write("product.product", [2], { barcode: "4006381499999" })
    const next = await readAll(productsStream, system.context, {
      since: productsStream.positionOf(changed[0] ?? never()),
    })
    expect(next.map((p) => p.name)).toEqual(["Organic Cotton T-Shirt"])
    expect(next[0]?.variants.map((v) => v.default_code)).toEqual([
      "ALP-TEE-S-BLK",
      "ALP-TEE-M-BLK",
      "ALP-TEE-L-BLK",
      "ALP-TEE-M-WHT",
    ])
    expect(next[0]?.variants[1]).toMatchObject({
      barcode: "4006381499999",
      options: [
        { attribute: "Size", value: "M" },
        { attribute: "Color", value: "Black" },
      ],
    })
  })

  it("products: reads variants and their attribute values in one batched call each per page", async () => {
    const system = await systemFor(protocol)
    sandbox.state.calls.length = 0
    const pages = await readPages(productsStream, system.context, { pageSize: 3 })
    const reads = sandbox.state.calls.filter((c) => c.model === "product.template.attribute.value")
    expect(reads).toHaveLength(pages.length)
  })

  it("listPrices: a price set on the template moves all its variants' prices", async () => {
    const system = await systemFor(protocol)
    const all = await readAll(listPricesStream, system.context)
    const last = all.at(-1) ?? never()
    sandbox.state.orm.clock = () => "2026-04-02 08:00:00"
    sandbox.state.orm.write("product.template", [2], { list_price: 95 })
    const changed = await readAll(listPricesStream, system.context, { since: listPricesStream.positionOf(last) })
    expect(changed.map((p) => [p.default_code, p.lst_price])).toEqual([
      ["ALP-HOOD-M-NVY", 95],
      ["ALP-HOOD-L-NVY", 95],
    ])
  })

  it("listPrices: writing a variant's lst_price sets its template's price, as Odoo's inverse does", async () => {
    const system = await systemFor(protocol)
    const last = (await readAll(listPricesStream, system.context)).at(-1) ?? never()
    sandbox.state.orm.clock = () => "2026-04-02 09:00:00"
    sandbox.state.orm.write("product.product", [11], { lst_price: 17.99 })
    const changed = await readAll(listPricesStream, system.context, { since: listPricesStream.positionOf(last) })
    expect(changed.map((p) => [p.default_code, p.lst_price, p.tax_included])).toEqual([["ALP-BEANIE", 17.99, true]])
  })

  it("listPrices: takes prices as gross or net from the products' taxes, unless the config says", async () => {
    const gross = await readAll(listPricesStream, (await systemFor(protocol)).context)
    expect(new Set(gross.map((p) => p.tax_included))).toEqual(new Set([true]))
    const net = await readAll(listPricesStream, (await systemFor(protocol, { pricesIncludeTax: false })).context)
    expect(new Set(net.map((p) => p.tax_included))).toEqual(new Set([false]))
  })

  it("products and listPrices leave service products (shipping, discounts) out", async () => {
    const system = await systemFor(protocol)
    const products = await readAll(productsStream, system.context)
    expect(products.map((p) => p.name)).not.toContain("Standard Shipping")
    const prices = await readAll(listPricesStream, system.context)
    expect(prices.map((p) => p.default_code)).not.toContain("SHIP")
  })

  it("pricelistItems: yields a template rule once per variant, with its tier and validity", async () => {
    const system = await systemFor(protocol)
    const items = await readAll(pricelistItemsStream, system.context)
    const tee = items.filter((i) => i.default_code === "ALP-TEE-M-BLK")
    expect(tee.map((i) => [i.pricelist_name, i.min_quantity, i.fixed_price])).toEqual([
      ["B2B Wholesale", 0, 17.5],
      ["B2B Wholesale", 10, 15.9],
    ])
    expect(items.some((i) => i.compute_price !== "fixed")).toBe(false)
    expect(items.find((i) => i.default_code === "ALP-TRAIL-42")).toMatchObject({
      date_start: "2026-03-31 22:00:00",
      date_end: "2026-06-30 21:59:59",
    })
  })

  it("stock: sums lots and sub-locations per warehouse, leaves transit out, keeps negative stock", async () => {
    const system = await systemFor(protocol)
    const levels = await readAll(stockStream, system.context)
    const level = (sku: string, code: string) =>
      levels.filter((l) => l.default_code === sku && l.warehouse_code === code).at(-1)
    expect(level("ALP-BOTTLE-075", "WH")).toMatchObject({ quantity: 180, reserved_quantity: 5, quant_ids: [11, 12] })
    expect(level("ALP-TEE-M-BLK", "WH")).toMatchObject({ quantity: 43, reserved_quantity: 3 })
    expect(level("ALP-TEE-M-WHT", "BER")).toMatchObject({ quantity: -2 })
    expect(level("ALP-TEE-S-BLK", "WH")).toMatchObject({ quantity: 40 })
    expect(levels.some((l) => l.quant_ids.includes(21))).toBe(false)
  })

  it("stock: one changed quant re-reads its whole (product, warehouse) group", async () => {
    const system = await systemFor(protocol)
    const all = await readAll(stockStream, system.context)
    sandbox.state.orm.clock = () => "2026-04-03 07:00:00"
    sandbox.state.orm.write("stock.quant", [12], { quantity: 100 })
    const changed = await readAll(stockStream, system.context, { since: stockStream.positionOf(all.at(-1) ?? never()) })
    expect(changed).toEqual([
      expect.objectContaining({
        default_code: "ALP-BOTTLE-075",
        warehouse_code: "WH",
        quantity: 160,
        reserved_quantity: 5,
      }),
    ])
  })

  it("partners: a changed delivery address brings its company back with all its children", async () => {
    const system = await systemFor(protocol)
    const changed = await readAll(partnersStream, system.context, { since: { at: "2026-02-21T00:00:00Z", id: "0" } })
    expect(changed.map((p) => p.id)).toEqual([10, 20, 21, 22, 23, 24])
    expect(changed[0]?.children.map((c) => [c.id, c.type])).toEqual([
      [11, "contact"],
      [12, "delivery"],
      [13, "invoice"],
    ])
    expect(changed[0]?.changed_at).toBe("2026-02-27 16:40:00")
  })

  it("saleOrders: reads lines with SKUs and taxes, addresses and warehouse", async () => {
    const system = await systemFor(protocol)
    const orders = await readAll(saleOrdersStream, system.context)
    const pickup = orders.find((o) => o.client_order_ref === "shopify:987") ?? never()
    expect(pickup.lines.map((l) => [l.default_code, l.product_uom_qty, l.taxes.map((t) => t.name)])).toEqual([
      ["ALP-TEE-M-WHT", 1, ["19% incl."]],
    ])
    expect(pickup.warehouse).toMatchObject({
      code: "BER",
      partner_id: [3, "Alpenglow Outfitters GmbH, Berlin Mitte Store"],
    })
    expect(pickup.shipping_address).toMatchObject({ id: 3, city: "Berlin" })
    const withShipping = orders.find((o) => o.name === "S00042") ?? never()
    expect(withShipping.lines.map((l) => [l.default_code, l.is_delivery])).toEqual([
      ["ALP-BEANIE", false],
      ["SHIP", true],
    ])
    const byId = await run(saleOrdersStream.readByIds?.(system.context, [String(pickup.id)]) ?? never())
    expect(byId).toEqual([pickup])
  })
})

function never(): never {
  throw new Error("expected a value")
}

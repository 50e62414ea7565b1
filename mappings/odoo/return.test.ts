import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooSandbox } from "../../connectors/odoo/sandbox/index.ts"
import type { ReturnPickingPayload } from "../../connectors/odoo/schemas/returnPayload.ts"
import { returnsSink } from "../../connectors/odoo/sinks/returns.ts"
import { PROTOCOLS, run, systemFor } from "../../connectors/odoo/testing.ts"
import type { Return } from "../../core/model/index.ts"
import { decodeWrite, encodeWrite } from "./testing.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

/** Sophie Brandt brings the white tee of her click & collect order (S00043) back to the Berlin store. */
const storeReturn: Return = {
  channel: "shopify",
  returnId: "gid://shopify/Refund/9100001",
  orderChannel: "shopify",
  orderNumber: "987",
  lines: [{ sku: "ALP-TEE-M-WHT", quantity: 1 }],
  reason: "Passt nicht",
  returnedAt: { kind: "store", locationCode: "BER" },
  refundAmount: { amount: 2995, currency: "EUR" },
  status: "refunded",
  updatedAt: "2026-03-04T15:20:00Z",
}

/** Bergwerk Sport sends two of the tees of S00041 back by mail. */
const mailReturn: Return = {
  channel: "odoo",
  returnId: "RMA-0007",
  orderChannel: "odoo",
  orderNumber: "S00041",
  lines: [{ sku: "ALP-TEE-M-BLK", quantity: 2 }],
  returnedAt: { kind: "mail" },
  status: "requested",
  updatedAt: "2026-03-05T09:00:00Z",
}

const payloadOf = async (ret: Return) => (await encodeWrite("return", ret)) as ReturnPickingPayload
const onHand = (productId: number, locationId: number) => {
  const orm = sandbox.state.orm
  const ids = orm.search("stock.quant", [
    ["product_id", "=", productId],
    ["location_id", "=", locationId],
  ])
  return ids.reduce((sum, id) => sum + Number(orm.get("stock.quant", id)?.quantity ?? 0), 0)
}

describe("odoo return mapping", () => {
  it("writes a store return to the store's warehouse, its key in origin, and maps back (less the refund)", async () => {
    const payload = await payloadOf(storeReturn)
    expect(payload).toEqual({
      origin: "shopify:gid://shopify/Refund/9100001",
      sale_order_ref: "shopify:987",
      warehouse_code: "BER",
      lines: [{ sku: "ALP-TEE-M-WHT", product_uom_qty: 1 }],
      note: "Passt nicht",
      scheduled_date: "2026-03-04 15:20:00",
      status: "refunded",
    })
    const { refundAmount: _refund, ...rest } = storeReturn
    expect(await decodeWrite("return", payload)).toEqual(rest)
    expect(await decodeWrite("return", await payloadOf(mailReturn))).toEqual(mailReturn)
  })
})

describe.each(PROTOCOLS)("odoo returns sink over %s", (protocol) => {
  it("books a refunded store return into the store's stock, linked to the sale order, once", async () => {
    const system = await systemFor(protocol)
    const key = "shopify:gid://shopify/Refund/9100001"
    expect(onHand(4, 18)).toBe(-2)
    const [outcome] = await run(
      returnsSink.write(system.context, [{ naturalKey: key, payload: await payloadOf(storeReturn) }]),
    )
    expect(outcome).toMatchObject({ ok: true, action: "created" })
    if (outcome?.ok !== true) return
    const id = Number(outcome.externalId)
    const orm = sandbox.state.orm
    expect(
      orm.read(
        "stock.picking",
        [id],
        ["name", "state", "picking_type_code", "origin", "sale_id", "partner_id", "location_dest_id"],
      ),
    ).toEqual([
      {
        id,
        partner_id: [21, "Sophie Brandt"],
        name: "BER/IN/00001",
        state: "done",
        picking_type_code: "incoming",
        origin: key,
        sale_id: [3, "S00043"],
        location_dest_id: [18, "BER/Stock"],
      },
    ])
    expect(onHand(4, 18)).toBe(-1)

    // A retry after a crash between the write and the cross-reference finds it instead of booking it twice.
    const found = await run(returnsSink.lookup(system.context, [key, "shopify:gid://shopify/Refund/404"]))
    expect([...found]).toEqual([[key, String(id)]])
    const [again] = await run(
      returnsSink.write(system.context, [
        { naturalKey: key, externalId: String(id), payload: await payloadOf(storeReturn) },
      ]),
    )
    expect(again).toMatchObject({ ok: true, action: "updated", externalId: String(id) })
    expect(onHand(4, 18)).toBe(-1)
  })

  it("takes a mail return in at the main warehouse as a ready receipt, and books it once it is received", async () => {
    const system = await systemFor(protocol)
    const key = "odoo:RMA-0007"
    const [created] = await run(
      returnsSink.write(system.context, [{ naturalKey: key, payload: await payloadOf(mailReturn) }]),
    )
    if (created?.ok !== true) throw new Error(`not created: ${JSON.stringify(created)}`)
    const id = Number(created.externalId)
    const orm = sandbox.state.orm
    expect(orm.read("stock.picking", [id], ["state", "location_dest_id", "return_id"])).toEqual([
      { id, state: "assigned", location_dest_id: [8, "WH/Stock"], return_id: [2, "WH/OUT/00001"] },
    ])
    expect(onHand(2, 8)).toBe(25)
    const received = await payloadOf({ ...mailReturn, status: "received" })
    const [updated] = await run(
      returnsSink.write(system.context, [{ naturalKey: key, externalId: String(id), payload: received }]),
    )
    expect(updated).toMatchObject({ ok: true, action: "updated" })
    expect(orm.read("stock.picking", [id], ["state"])).toEqual([{ id, state: "done" }])
    expect(onHand(2, 8)).toBe(27)
  })

  it("rejects what Odoo cannot book with the reason and field, and writes the rest of the batch", async () => {
    const system = await systemFor(protocol)
    const unknownOrder = await payloadOf({ ...storeReturn, returnId: "R-2", orderNumber: "4040" })
    const unknownSku = await payloadOf({ ...storeReturn, returnId: "R-3", lines: [{ sku: "ALP-NOPE", quantity: 1 }] })
    const rejectedReturn = await payloadOf({ ...mailReturn, returnId: "RMA-0008", status: "rejected" })
    const outcomes = await run(
      returnsSink.write(system.context, [
        { naturalKey: "shopify:R-2", payload: unknownOrder },
        { naturalKey: "shopify:R-3", payload: unknownSku },
        { naturalKey: "odoo:RMA-0008", payload: rejectedReturn },
      ]),
    )
    expect(outcomes.map((o) => (o.ok ? o.action : [o.error.reason, o.error.path]))).toEqual([
      ["no sale order has the reference shopify:4040", "sale_order_ref"],
      ["no product has the Internal Reference ALP-NOPE", "lines.0.sku"],
      "created",
    ])
    const rejected = outcomes[2]
    if (rejected?.ok !== true) return
    expect(sandbox.state.orm.read("stock.picking", [Number(rejected.externalId)], ["state"])).toEqual([
      { id: Number(rejected.externalId), state: "cancel" },
    ])
  })
})

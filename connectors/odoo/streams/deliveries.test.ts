import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooClient } from "../client.ts"
import { odooSandbox } from "../sandbox/index.ts"
import { PROTOCOLS, readAll, readPages, run, systemFor } from "../testing.ts"
import { deliveriesStream } from "./deliveries.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

describe.each(PROTOCOLS)("odoo deliveries stream over %s", (protocol) => {
  it("reads done outgoing transfers only, with SKUs, carrier, tracking, sale order and warehouse", async () => {
    const system = await systemFor(protocol)
    const deliveries = await readAll(deliveriesStream, system.context)
    // WH/IN/00001 is a receipt, WH/OUT/00003 and BER/OUT/00001 are not done yet.
    expect(deliveries.map((d) => d.name)).toEqual(["WH/OUT/00001", "WH/OUT/00002"])
    expect(deliveries[1]).toMatchObject({
      state: "done",
      carrier_id: [1, "DHL Paket"],
      carrier_tracking_ref: "00340434161094042564",
      date_done: "2026-02-23 14:55:00",
      sale_order: { id: 1, name: "S00041", client_order_ref: "PO-4711" },
      warehouse_code: "WH",
      moves: [{ default_code: "ALP-TEE-M-BLK", quantity: 4 }],
    })
  })

  it("pages with a cursor and resumes after the last delivery it saw", async () => {
    const system = await systemFor(protocol)
    const pages = await readPages(deliveriesStream, system.context, { pageSize: 1 })
    expect(pages.map((p) => p.length)).toEqual([1, 1])
    const first = pages[0]?.[0]
    if (first === undefined) throw new Error("no first delivery")
    const rest = await readAll(deliveriesStream, system.context, { since: deliveriesStream.positionOf(first) })
    expect(rest.map((d) => d.name)).toEqual(["WH/OUT/00002"])
  })

  it("brings a delivery validated after the cursor, and finds the order by origin when sale_id is empty", async () => {
    const system = await systemFor(protocol)
    const seen = await readAll(deliveriesStream, system.context)
    const last = seen.at(-1)
    if (last === undefined) throw new Error("no delivery")
    sandbox.state.orm.write("stock.picking", [4], { sale_id: false, carrier_tracking_ref: "00340434161094042571" })
    await run(odooClient(system.context).call("stock.picking", "button_validate", { ids: [4] }))
    const fresh = await readAll(deliveriesStream, system.context, { since: deliveriesStream.positionOf(last) })
    expect(fresh.map((d) => [d.name, d.sale_order === false ? false : d.sale_order.name, d.moves])).toEqual([
      [
        "WH/OUT/00003",
        "S00041",
        [
          {
            id: 4,
            product_id: [10, "[ALP-BOTTLE-075] Insulated Water Bottle 0.75 l"],
            default_code: "ALP-BOTTLE-075",
            quantity: 24,
          },
        ],
      ],
    ])
  })

  it("reads deliveries by id, leaving out what is no done delivery", async () => {
    const system = await systemFor(protocol)
    const found = await run(deliveriesStream.readByIds!(system.context, ["2", "4", "1"]))
    expect(found.map((d) => d.name)).toEqual(["WH/OUT/00001"])
  })
})

import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readAll, run, shopSystem, useShopwareSandbox } from "../testing.ts"
import { customersStream } from "./customers.ts"
import { ordersStream } from "./orders.ts"
import { positionOfStamped } from "./search.ts"

describe("Shopware streams", () => {
  const { sandbox } = useShopwareSandbox()

  it("reads orders with their associations, ordered by updatedAt, else createdAt, then id", async () => {
    const shop = await shopSystem()
    const orders = await readAll(ordersStream, shop.context, { pageSize: 1 })
    expect(orders.map((o) => o.orderNumber)).toEqual(["10001", "10002", "10003"])
    // 10002 was never updated: Shopware leaves updatedAt null, so it sits at its createdAt.
    expect(orders[1]?.updatedAt).toBeNull()
    expect(positionOfStamped(orders[1]!).at).toBe("2026-11-21T15:42:11.210Z")
    expect(orders[2]?.lineItems.map((l) => l.type)).toEqual(["product", "product", "promotion"])
  })

  it("reads incrementally: a cursor finds never-updated rows by createdAt and updated ones by updatedAt", async () => {
    const shop = await shopSystem()
    const since = { at: "2026-11-21T00:00:00Z", id: "" }
    const orders = await readAll(ordersStream, shop.context, { since })
    expect(orders.map((o) => o.orderNumber)).toEqual(["10002", "10003"])
    const search = sandbox.state.calls.find((c) => c.path === "/api/search/order")
    expect(search?.body).toEqual(
      expect.objectContaining({
        filter: [
          { type: "equals", field: "updatedAt", value: null },
          { type: "range", field: "createdAt", parameters: { gte: "2026-11-21 00:00:00" } },
        ],
        "total-count-mode": "none",
      }),
    )
  })

  it("sees an order again once Shopware changes it", async () => {
    const shop = await shopSystem()
    const all = await readAll(ordersStream, shop.context)
    const last = positionOfStamped(all[all.length - 1]!)
    expect(await readAll(ordersStream, shop.context, { since: { at: last.at, id: last.id } })).toHaveLength(1)
    const order = sandbox.state.table("order").get("f5bc6d7e8f9a4b0c3d4e5f6a7b8c9d0e")!
    sandbox.state.table("order").set(order.id as string, { ...order, updatedAt: "2030-01-01T00:00:00.000+00:00" })
    const changed = await readAll(ordersStream, shop.context, { since: last })
    expect(changed.map((o) => o.orderNumber)).toEqual(["10003", "10002"])
  })

  it("reads customers with their newsletter recipient, in (updatedAt ?? createdAt) order", async () => {
    const shop = await shopSystem()
    const customers = await readAll(customersStream, shop.context, { pageSize: 2 })
    expect(customers.map((c) => [c.customerNumber, c.newsletterRecipient?.status ?? null])).toEqual([
      ["SW-10002", null],
      ["SW-10001", "optIn"],
      ["SW-10003", "optOut"],
    ])
  })

  it("reads records by id for webhooks and replays", async () => {
    const shop = await shopSystem()
    const orders = await run(ordersStream.readByIds!(shop.context, ["4a0b1c2d3e4f4a5b8c9d0e1f2a3b4c5d"]))
    expect(orders.map((o) => o.orderNumber)).toEqual(["10003"])
    const customers = await run(
      customersStream.readByIds!(shop.context, ["0c6f1a2b3c4d4e5f8a9b0c1d2e3f4a5b"]).pipe(Effect.map((c) => c)),
    )
    expect(customers[0]?.newsletterRecipient?.status).toBe("optIn")
  })
})

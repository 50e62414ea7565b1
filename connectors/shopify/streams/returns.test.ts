import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import type { StreamCursor } from "../../../core/connector/index.ts"
import { refund1004 } from "../fixtures/refunds.ts"
import type { RefundNode } from "../schemas/refund.ts"
import { shopSystem, useShopifySandbox } from "../testing.ts"
import { returnsStream } from "./returns.ts"

const { sandbox } = useShopifySandbox()

const read = async (options: { since?: StreamCursor; pageSize?: number } = {}) => {
  const shop = await shopSystem()
  const pages = await Effect.runPromise(Stream.runCollect(returnsStream.read(shop.context, options)))
  return Chunk.toReadonlyArray(pages)
}

/** Gives the order `name` these refunds, updated at `at` (a refund moves its order's updatedAt). */
const refund = (name: string, at: string, refunds: Array<RefundNode>) => {
  const index = sandbox.state.orders.findIndex((o) => o.name === name)
  const order = sandbox.state.orders[index]
  if (order === undefined) throw new Error(`no order ${name}`)
  sandbox.state.orders[index] = { ...order, updatedAt: at, refunds }
}

/** A refund of #1001 at `at`: `lines` units of the tee, restocked as `restockType`. */
const refundOf1001 = (id: number, at: string, restockType: "RETURN" | "NO_RESTOCK", lines = 1): RefundNode => ({
  ...structuredClone(refund1004),
  id: `gid://shopify/Refund/${id}`,
  createdAt: at,
  updatedAt: at,
  note: null,
  refundLineItems: {
    nodes: Array.from({ length: lines }, (_, i) => ({
      quantity: 1,
      restockType,
      location: { id: "gid://shopify/Location/71234567001", name: "Central Warehouse Hamburg" },
      lineItem: { id: `gid://shopify/LineItem/${14012345678901 + i}`, sku: "ALP-TEE-M-BLK" },
      subtotalSet: { shopMoney: { amount: "29.95", currencyCode: "EUR" } },
    })),
    pageInfo: { hasNextPage: false, endCursor: null },
  },
})

describe("shopify returns stream", () => {
  it("reads the POS return of #1004 at the Berlin store with its order, lines, location and amount", async () => {
    const records = (await read()).flat()
    expect(records).toEqual([
      {
        ...refund1004,
        refundLineItems: { nodes: refund1004.refundLineItems.nodes },
        order: { id: "gid://shopify/Order/5912345678904", name: "#1004", updatedAt: "2025-01-20T16:40:05Z" },
      },
    ])
    expect(returnsStream.positionOf(records[0]!)).toEqual({ at: "2025-01-20T16:40:05Z", id: refund1004.id })
  })

  it("leaves out refunds that took nothing back, and brings a return made after the cursor", async () => {
    const [seen] = (await read()).flat()
    refund("#1001", "2025-02-03T10:05:01Z", [
      refundOf1001(998877002, "2025-02-03T10:00:00Z", "NO_RESTOCK"),
      refundOf1001(998877003, "2025-02-03T10:05:00Z", "RETURN"),
    ])
    const fresh = (await read({ since: returnsStream.positionOf(seen!) })).flat()
    expect(fresh.map((r) => [r.id, r.order.name])).toEqual([["gid://shopify/Refund/998877003", "#1001"]])
    expect((await read({ since: returnsStream.positionOf(fresh[0]!) })).flat()).toEqual([])
  })

  it("pages through orders and follows a refund's line items past the first page", async () => {
    refund("#1001", "2025-02-04T09:00:01Z", [refundOf1001(998877004, "2025-02-04T09:00:00Z", "RETURN", 55)])
    const pages = await read({ pageSize: 1 })
    const records = pages.flat()
    expect(records.map((r) => r.order.name)).toEqual(["#1004", "#1001"])
    expect(records[1]?.refundLineItems.nodes).toHaveLength(55)
  })

  it("reads returns by refund id, skipping unknown ids and refunds that took nothing back", async () => {
    refund("#1001", "2025-02-05T09:00:01Z", [refundOf1001(998877005, "2025-02-05T09:00:00Z", "NO_RESTOCK")])
    const shop = await shopSystem()
    const found = await Effect.runPromise(
      returnsStream.readByIds!(shop.context, [
        refund1004.id,
        "gid://shopify/Refund/998877005",
        "gid://shopify/Refund/1",
      ]),
    )
    expect(found.map((r) => [r.id, r.order.name])).toEqual([[refund1004.id, "#1004"]])
  })
})

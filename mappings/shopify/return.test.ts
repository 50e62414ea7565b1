import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { refund1004 } from "../../connectors/shopify/fixtures/refunds.ts"
import { shopifyLookupTables } from "../../connectors/shopify/lookupTables.ts"
import { returnsStream } from "../../connectors/shopify/streams/returns.ts"
import { shopSystem, useShopifySandbox } from "../../connectors/shopify/testing.ts"
import { decodeRecord, mappingContext } from "../../core/mapping/index.ts"
import { returnMapping } from "./return.ts"
import { alpenglowContext, readRoundTrip } from "./testing.ts"

const record = {
  ...refund1004,
  order: { id: "gid://shopify/Order/5912345678904", name: "#1004", updatedAt: "2025-01-20T16:40:05Z" },
}

describe("shopify return mapping", () => {
  it("maps a POS refund restocked at the Berlin store to a store return with its code, amount and reason", async () => {
    const ret = await Effect.runPromise(decodeRecord(returnMapping, alpenglowContext(), record, "refund"))
    expect(ret).toEqual({
      channel: "shopify",
      returnId: "998877001",
      orderChannel: "shopify",
      orderNumber: "1004",
      lines: [{ sku: "ALP-TEE-M-WHT", quantity: 1 }],
      reason: "Zu groß – Rückgabe an der Kasse",
      returnedAt: { kind: "store", locationCode: "BER-MITTE" },
      refundAmount: { amount: 2995, currency: "EUR" },
      status: "refunded",
      updatedAt: "2025-01-20T16:40:04Z",
    })
  })

  it.each([
    ["configured by name", { "BER-MITTE": "Berlin Mitte Store" }, "BER-MITTE"],
    ["configured by GID", { BER: "gid://shopify/Location/71234567002" }, "BER"],
    ["not configured (the name is the code)", {}, "Berlin Mitte Store"],
  ])(
    "finds the store's code with the location %s, and maps back to the same return",
    async (_name, locations, code) => {
      const ctx = alpenglowContext({ locations })
      const { canonical, again } = await Effect.runPromise(readRoundTrip(returnMapping, ctx, record))
      expect(canonical.returnedAt).toEqual({ kind: "store", locationCode: code })
      expect(again).toEqual(canonical)
    },
  )

  it("takes a refund through Shopify's return flow as a mail return, and leaves out lines not restocked as returns", async () => {
    const online = {
      ...record,
      return: { id: "gid://shopify/Return/4410001", name: "#1004-R1" },
      refundLineItems: {
        nodes: [
          ...record.refundLineItems.nodes.map((line) => ({
            ...line,
            location: { id: "gid://shopify/Location/71234567001", name: "Central Warehouse Hamburg" },
          })),
          {
            ...record.refundLineItems.nodes[0]!,
            restockType: "NO_RESTOCK" as const,
            lineItem: { id: "gid://shopify/LineItem/1", sku: "ALP-BEANIE" },
          },
        ],
      },
    }
    const ret = await Effect.runPromise(decodeRecord(returnMapping, alpenglowContext(), online, "refund"))
    expect(ret.returnedAt).toEqual({ kind: "mail" })
    expect(ret.lines).toEqual([{ sku: "ALP-TEE-M-WHT", quantity: 1 }])
  })

  it("refuses a returned line without a SKU, naming its path", async () => {
    const noSku = {
      ...record,
      refundLineItems: {
        nodes: [{ ...record.refundLineItems.nodes[0]!, lineItem: { id: "gid://shopify/LineItem/1", sku: null } }],
      },
    }
    const failure = await Effect.runPromise(
      Effect.flip(decodeRecord(returnMapping, alpenglowContext(), noSku, "refund")),
    )
    expect(failure.issues.map((i) => i.path)).toContain("$.refundLineItems.nodes[0].lineItem.sku")
  })
})

describe("shopify returns, stream to canonical", () => {
  useShopifySandbox()

  it("reads the seed's store return as a return at BER, with the connector's locations option", async () => {
    const shop = await shopSystem({ locations: { WH: "Central Warehouse Hamburg", BER: "Berlin Mitte Store" } })
    const ctx = mappingContext("shop", shop.defaults, shopifyLookupTables(shop.config))
    const raws = Chunk.toReadonlyArray(
      await Effect.runPromise(Stream.runCollect(returnsStream.read(shop.context, {}))),
    ).flat()
    const returns = await Promise.all(
      raws.map((raw) => Effect.runPromise(decodeRecord(returnMapping, ctx, raw, raw.id))),
    )
    expect(returns).toMatchObject([
      {
        returnId: "998877001",
        orderNumber: "1004",
        lines: [{ sku: "ALP-TEE-M-WHT", quantity: 1 }],
        returnedAt: { kind: "store", locationCode: "BER" },
        refundAmount: { amount: 2995, currency: "EUR" },
        status: "refunded",
      },
    ])
  })
})

import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import type { StreamCursor, StreamDefinition } from "../../../core/connector/index.ts"
import type { ShopifyConfig } from "../config.ts"
import { order1001 } from "../fixtures/orders.ts"
import type { SandboxProduct } from "../sandbox/state.ts"
import { shopSystem, useShopifySandbox } from "../testing.ts"
import { customersStream } from "./customers.ts"
import { inventoryStream } from "./inventory.ts"
import { locationsStream } from "./locations.ts"
import { ordersStream } from "./orders.ts"
import { productsStream } from "./products.ts"

const { sandbox } = useShopifySandbox()

const pagesOf = async <Raw>(
  stream: StreamDefinition<ShopifyConfig, Raw>,
  options: { since?: StreamCursor; pageSize?: number } = {},
) => {
  const shop = await shopSystem()
  const pages = await Effect.runPromise(Stream.runCollect(stream.read(shop.context, options)))
  return Chunk.toReadonlyArray(pages)
}

/** A product of the merchant's with `count` sizes, so it has more variants than one page holds. */
const manySizes = (count: number): SandboxProduct => {
  const base = sandbox.state.products[0]!
  const variant = base.variants[0]!
  return {
    ...structuredClone(base),
    id: "gid://shopify/Product/8912345679999",
    handle: "alpenglow-patch-set",
    title: "Alpenglow Patch Set",
    metafields: [],
    updatedAt: "2025-01-02T10:00:00Z",
    options: [{ id: "gid://shopify/ProductOption/1", name: "Motif", position: 1, values: [] }],
    variants: Array.from({ length: count }, (_, i) => ({
      ...structuredClone(variant),
      id: `gid://shopify/ProductVariant/4700000000${String(i).padStart(4, "0")}`,
      sku: `ALP-PATCH-${String(i + 1).padStart(2, "0")}`,
      position: i + 1,
      selectedOptions: [{ name: "Motif", value: `Motif ${i + 1}` }],
      inventoryItem: {
        ...structuredClone(variant.inventoryItem),
        id: `gid://shopify/InventoryItem/4800000000${String(i).padStart(4, "0")}`,
      },
    })),
  }
}

describe("Shopify streams", () => {
  it("pages customers to the end, in (updatedAt, id) order", async () => {
    const pages = await pagesOf(customersStream, { pageSize: 2 })
    expect(pages.map((p) => p.length)).toEqual([2, 2])
    expect(pages.flat().map((c) => c.id)).toEqual([
      "gid://shopify/Customer/7412345678901",
      "gid://shopify/Customer/7412345678902",
      "gid://shopify/Customer/7412345678903",
      "gid://shopify/Customer/7412345678904",
    ])
  })

  it("resumes from a cursor inside a tie on updatedAt without missing or repeating a record", async () => {
    const all = (await pagesOf(customersStream, { pageSize: 1 })).flat()
    // Anna and Sophie were updated in the same second; Shopify's filter returns both again.
    for (const [i, record] of all.entries()) {
      const since = customersStream.positionOf(record)
      const rest = (await pagesOf(customersStream, { since, pageSize: 1 })).flat()
      expect(rest.map((c) => c.id)).toEqual(all.slice(i + 1).map((c) => c.id))
    }
    const anna = all.find((c) => c.email === "einkauf@bergsport-mueller.de")!
    const afterAnna = (await pagesOf(customersStream, { since: customersStream.positionOf(anna) })).flat()
    expect(afterAnna.map((c) => c.email)).toEqual(["sophie.wagner@Example.AT"])
  })

  it("pages orders to the end and follows an order's lines past the first page", async () => {
    const lines = Array.from({ length: 27 }, (_, i) => ({
      ...order1001.lineItems.nodes[0]!,
      id: `gid://shopify/LineItem/1500000000${String(i).padStart(4, "0")}`,
      sku: `ALP-PATCH-${String(i + 1).padStart(2, "0")}`,
      quantity: 1,
    }))
    sandbox.state.orders.push({
      ...structuredClone(order1001),
      id: "gid://shopify/Order/5912345678999",
      name: "#1099",
      updatedAt: "2025-01-20T08:00:00Z",
      lineItems: { nodes: lines },
      createdAt: "2025-01-20T08:00:00Z",
    })
    const pages = await pagesOf(ordersStream, { pageSize: 2 })
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1])
    const orders = pages.flat()
    expect(orders.map((o) => o.name)).toEqual(["#1002", "#1001", "#1003", "#1099", "#1004"])
    expect(orders[3]?.lineItems.nodes.map((l) => l.sku)).toEqual(lines.map((l) => l.sku))
  })

  it("pages products to the end with every variant of a product that has more than a page of them", async () => {
    sandbox.state.products.push(manySizes(45))
    const pages = await pagesOf(productsStream, { pageSize: 1 })
    expect(pages.map((p) => p.length)).toEqual([1, 1])
    const patches = pages.flat().find((p) => p.handle === "alpenglow-patch-set")!
    expect(patches.variants.nodes).toHaveLength(45)
    expect(patches.variants.nodes.at(-1)?.sku).toBe("ALP-PATCH-45")
  })

  it("asks for no more products per page than Shopify's 1000-point query limit allows", async () => {
    // 250 products with 20 variants each would cost ~30,000 points; Shopify refuses such a query.
    const pages = await pagesOf(productsStream, { pageSize: 250 })
    expect(pages.flat().map((p) => p.handle)).toEqual(["alpenglow-sticker-pack"])
  })

  it("reads only products updated after the cursor", async () => {
    sandbox.state.products.push(manySizes(2))
    const [first] = (await pagesOf(productsStream)).flat()
    const rest = (await pagesOf(productsStream, { since: productsStream.positionOf(first!) })).flat()
    expect(rest.map((p) => p.title)).toEqual(["Alpenglow Patch Set"])
  })

  it("reads locations page by page, after the cursor", async () => {
    const pages = await pagesOf(locationsStream, { pageSize: 1 })
    expect(pages.flat().map((l) => l.name)).toEqual(["Central Warehouse Hamburg", "Berlin Mitte Store"])
    const since = locationsStream.positionOf(pages[0]![0]!)
    expect((await pagesOf(locationsStream, { since })).flat().map((l) => l.name)).toEqual(["Berlin Mitte Store"])
  })

  it("reads every inventory level with its quantities", async () => {
    const levels = (await pagesOf(inventoryStream)).flat()
    expect(
      levels.map((l) => [l.item.sku, l.location.name, l.quantities.find((q) => q.name === "available")?.quantity]),
    ).toEqual([
      ["ALP-STICKER-PACK", "Central Warehouse Hamburg", 116],
      ["ALP-STICKER-PACK", "Berlin Mitte Store", 15],
    ])
  })

  it("reads records by id for webhooks, skipping deleted ones", async () => {
    const shop = await shopSystem()
    const run = <A>(effect: Effect.Effect<A, unknown>) => Effect.runPromise(effect)
    const orders = await run(
      ordersStream.readByIds!(shop.context, ["gid://shopify/Order/5912345678902", "gid://shopify/Order/1"]),
    )
    expect(orders.map((o) => o.name)).toEqual(["#1002"])
    const products = await run(productsStream.readByIds!(shop.context, ["gid://shopify/Product/8912345678901"]))
    expect(products[0]?.variants.nodes[0]?.sku).toBe("ALP-STICKER-PACK")
    const customers = await run(customersStream.readByIds!(shop.context, ["gid://shopify/Customer/7412345678903"]))
    expect(customers[0]?.companyContactProfiles[0]?.company.name).toBe("Bergsport Müller GmbH")
    const locations = await run(locationsStream.readByIds!(shop.context, ["gid://shopify/Location/71234567002"]))
    expect(locations[0]?.name).toBe("Berlin Mitte Store")
    const level = sandbox.state.inventoryLevels[1]!
    const levels = await run(inventoryStream.readByIds!(shop.context, [level.id]))
    expect(levels.map((l) => l.location.name)).toEqual(["Berlin Mitte Store"])
  })
})

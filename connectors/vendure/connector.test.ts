import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { instantiateSystem, type SystemInstance } from "../../core/connector/index.ts"
import type { VendureConfig } from "./config.ts"
import { paidOrder } from "./fixtures/orders.ts"
import { vendure } from "./index.ts"
import { placeSandboxOrder, sandboxShop, useVendureSandbox, vendureSystem } from "./testing.ts"

const { sandbox } = useVendureSandbox()

const readAll = async (shop: SystemInstance<VendureConfig>, name: string, options = {}) => {
  const stream = shop.connector.streams[name]
  if (stream === undefined) throw new Error(`no stream ${name}`)
  const pages = await Effect.runPromise(Stream.runCollect(stream.read(shop.context, options)))
  return Chunk.toReadonlyArray(pages).flat()
}

const write = async (shop: SystemInstance<VendureConfig>, sink: string, items: ReadonlyArray<unknown>) => {
  const target = shop.connector.sinks[sink]
  if (target === undefined) throw new Error(`no sink ${sink}`)
  return Effect.runPromise(target.write(shop.context, items as never))
}

describe("Vendure connector", () => {
  it("checks the channel after logging in with the bearer token Vendure sends back", async () => {
    const shop = await vendureSystem()
    const result = await Effect.runPromise(shop.connector.check(shop.context))
    expect(result).toEqual({
      ok: true,
      detail: "channel __default_channel__ (EUR, prices include tax, en), Vendure 3.7 Admin API",
    })
    expect(sandbox.state.sessions).toHaveLength(1)
  })

  it("fails check with an AuthError carrying Vendure's refusal, never the password", async () => {
    const shop = await vendureSystem({ password: "not-the-password" })
    const error = await Effect.runPromise(Effect.flip(shop.connector.check(shop.context)))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain(
      "InvalidCredentialsError INVALID_CREDENTIALS_ERROR The provided credentials are invalid",
    )
    expect(error.message).not.toContain("not-the-password")
  })

  it("fails check when the config's tax setting is not the channel's", async () => {
    const shop = await vendureSystem({ pricesIncludeTax: false })
    const error = await Effect.runPromise(Effect.flip(shop.connector.check(shop.context)))
    expect(error.message).toContain("its prices include tax, the config says pricesIncludeTax: false")
  })

  it("logs in again when Vendure has dropped the session (FORBIDDEN)", async () => {
    const shop = await vendureSystem()
    await Effect.runPromise(shop.connector.check(shop.context))
    sandbox.state.sessions.splice(0)
    const result = await Effect.runPromise(shop.connector.check(shop.context))
    expect(result.ok).toBe(true)
    expect(sandbox.state.sessions).toHaveLength(1)
  })

  it("refuses an empty password at start, naming the field", async () => {
    const error = await Effect.runPromise(
      Effect.flip(instantiateSystem("shop", vendure({ ...sandboxShop, password: "" }), {})),
    )
    expect(error._tag).toBe("ConfigError")
    expect(error.path).toBe("systems.shop.password")
  })
})

describe("Vendure orders stream", () => {
  it("reads placed orders only, ordered by the later of updatedAt and orderPlacedAt", async () => {
    const shop = await vendureSystem()
    const orders = await readAll(shop, "orders")
    expect(orders.map((o) => o.code)).toEqual(["DQPPGQ6QLBHUSBPF", "6NSEDMJ4ZL2FK42L"])
  })

  it("picks up an order placed after the cursor, though its updatedAt is older than the cursor", async () => {
    const shop = await vendureSystem()
    const stream = shop.connector.streams.orders!
    const first = await readAll(shop, "orders")
    const cursor = stream.positionOf(first[first.length - 1])
    const placed = placeSandboxOrder(sandbox.state, {
      email: "lin@example.com",
      lines: [{ sku: "TS-100-L", quantity: 1 }],
    })
    expect(Date.parse(placed.updatedAt)).toBeLessThan(Date.parse(placed.orderPlacedAt ?? ""))
    const next = await readAll(shop, "orders", { since: cursor })
    expect(next.map((o) => o.code)).toEqual([placed.code])
  })

  it("re-reads orders by id, leaving out ids Vendure does not have", async () => {
    const shop = await vendureSystem()
    const orders = await Effect.runPromise(
      shop.connector.streams.orders!.readByIds!(shop.context, [paidOrder.id, "999"]),
    )
    expect(orders.map((o) => o.code)).toEqual([paidOrder.code])
  })
})

describe("Vendure sinks", () => {
  it("creates a product with an option group and variants, then finds it by SKU", async () => {
    const shop = await vendureSystem()
    const outcomes = await write(shop, "products", [
      {
        naturalKey: "HB-200",
        payload: {
          productNumber: "HB-200",
          name: "Hut Boot",
          description: "Felt boot",
          enabled: true,
          optionGroups: [{ name: "Size", values: ["42", "43"] }],
          variants: [
            { sku: "HB-200-42", name: "Hut Boot 42", enabled: true, options: [{ group: "Size", value: "42" }] },
            { sku: "HB-200-43", name: "Hut Boot 43", enabled: true, options: [{ group: "Size", value: "43" }] },
          ],
        },
      },
    ])
    expect(outcomes).toMatchObject([{ naturalKey: "HB-200", ok: true, action: "created" }])
    const created = sandbox.state.products.find((p) => p.slug === "hb-200")
    expect(sandbox.state.variants.filter((v) => v.productId === created?.id).map((v) => v.sku)).toEqual([
      "HB-200-42",
      "HB-200-43",
    ])
    const found = await Effect.runPromise(shop.connector.sinks.products!.lookup(shop.context, ["HB-200", "NOPE"]))
    expect([...found.keys()]).toEqual(["HB-200"])
  })

  it("rejects a variant whose options another variant has, with Vendure's message", async () => {
    const shop = await vendureSystem()
    const [outcome] = await write(shop, "products", [
      {
        naturalKey: "TS-100 Trail",
        payload: {
          productNumber: "TS-100 Trail",
          name: "Trail Shirt",
          description: "",
          enabled: true,
          optionGroups: [{ name: "Size", values: ["M"] }],
          variants: [
            { sku: "TS-100-M2", name: "Trail Shirt M again", enabled: true, options: [{ group: "Size", value: "M" }] },
          ],
        },
      },
    ])
    expect(outcome?.ok).toBe(false)
    expect(outcome?.ok === false && outcome.error.reason).toBe(
      "A ProductVariant with the selected options already exists: Trail Shirt M (USER_INPUT_ERROR)",
    )
  })

  it("writes prices and saleable stock, adding what Vendure has allocated to open orders", async () => {
    const shop = await vendureSystem()
    placeSandboxOrder(sandbox.state, { email: "lin@example.com", lines: [{ sku: "TS-100-M", quantity: 2 }] })
    const prices = await write(shop, "prices", [
      { naturalKey: "TS-100-M|default|EUR|1", payload: { sku: "TS-100-M", price: 6990 } },
    ])
    const stock = await write(shop, "inventory", [
      { naturalKey: "TS-100-M@default", payload: { sku: "TS-100-M", saleable: 10 } },
      { naturalKey: "NOPE@default", payload: { sku: "NOPE", saleable: 1 } },
    ])
    expect(prices).toMatchObject([{ ok: true, externalId: "1" }])
    expect(stock).toMatchObject([{ ok: true }, { ok: false }])
    const variant = sandbox.state.variants.find((v) => v.sku === "TS-100-M")
    expect(variant).toMatchObject({ price: 6990, stockOnHand: 12, stockAllocated: 2 })
  })

  it("ships order lines by SKU, and a retry finds the fulfilment instead of shipping twice", async () => {
    const shop = await vendureSystem()
    const item = {
      naturalKey: `vendure:${paidOrder.code}:SHP-9`,
      payload: {
        orderCode: paidOrder.code,
        fulfillmentId: "SHP-9",
        lines: [{ sku: "TS-100-L", quantity: 3 }],
        carrier: "DHL",
        trackingCode: "00340434161234567890",
        state: "Shipped",
      },
    }
    const [created] = await write(shop, "fulfillments", [item])
    const [again] = await write(shop, "fulfillments", [item])
    expect(created).toMatchObject({ ok: true, action: "created" })
    expect(again).toMatchObject({ ok: true, action: "updated" })
    const order = sandbox.state.orders.find((o) => o.code === paidOrder.code)
    expect(order?.fulfillments.map((f) => [f.method, f.state])).toEqual([["DHL (SHP-9)", "Shipped"]])
    expect(order?.state).toBe("Shipped")
  })

  it("rejects shipping more than was ordered with Vendure's ItemsAlreadyFulfilledError", async () => {
    const shop = await vendureSystem()
    const [outcome] = await write(shop, "fulfillments", [
      {
        naturalKey: `vendure:${paidOrder.code}:SHP-10`,
        payload: {
          orderCode: paidOrder.code,
          fulfillmentId: "SHP-10",
          lines: [{ sku: "TS-100-L", quantity: 5 }],
          state: "Shipped",
        },
      },
    ])
    expect(outcome?.ok === false && outcome.error.reason).toBe(
      "One or more OrderItems are already part of a Fulfillment (ItemsAlreadyFulfilledError ITEMS_ALREADY_FULFILLED_ERROR)",
    )
  })
})

/**
 * The vendure connector against a REAL Vendure 3.7.3 (scripts/peers/vendure.sh), no mock in
 * between. Reads VENDURE_URL (the server's origin, e.g. http://127.0.0.1:3000) and
 * VENDURE_SUPERADMIN_USERNAME / VENDURE_SUPERADMIN_PASSWORD (default superadmin); the e2e global
 * setup starts the server and sets them. Without VENDURE_URL the suite skips, unless
 * ESL_REQUIRE_SERVICES=1, where it fails. Records get a per-run suffix: other suites share the server.
 */
import { Chunk, Effect, Schema, Stream } from "effect"
import { beforeAll, expect, it } from "vitest"
import type { VendureConfig } from "../../connectors/vendure/config.ts"
import type { OrderRecord } from "../../connectors/vendure/schemas/order.ts"
import type { FulfillmentPayload, ProductPayload } from "../../connectors/vendure/schemas/payloads.ts"
import { vendureSession } from "../../connectors/vendure/session.ts"
import {
  type PlacedOrder,
  peerConfig,
  type VendurePeer,
  vendurePeer,
  vendurePeerEnv,
  vendureSystem,
} from "../../connectors/vendure/testing.ts"
import type { SystemInstance, WriteItem, WriteOutcome } from "../../core/connector/index.ts"
import { decodeRecord, MappingContext, mappingContext } from "../../core/mapping/index.ts"
import { Order } from "../../core/model/index.ts"
import { vendureMappings } from "../../mappings/vendure/index.ts"
import { describeWithPeers } from "../support/services.ts"

const peerEnv = vendurePeerEnv()

const run = Date.now().toString(36).toUpperCase()
const PRODUCT = `E2E-JKT-${run}`
const SKU_M = `${PRODUCT}-M`
const SKU_L = `${PRODUCT}-L`
const EMAIL = `ada.${run.toLowerCase()}@example.com`

const jacket = (name: string): ProductPayload => ({
  productNumber: PRODUCT,
  name,
  description: "<p>Waxed cotton</p>",
  enabled: true,
  optionGroups: [{ name: "Size", values: ["M", "L"] }],
  variants: [
    { sku: SKU_M, name: `${name} M`, enabled: true, options: [{ group: "Size", value: "M" }] },
    { sku: SKU_L, name: `${name} L`, enabled: true, options: [{ group: "Size", value: "L" }] },
  ],
})

describeWithPeers(
  "vendure connector against a real Vendure",
  { VENDURE_URL: peerEnv !== undefined },
  "scripts/peers/vendure.sh start; VENDURE_URL=http://127.0.0.1:3000",
  () => {
    let shop: SystemInstance<VendureConfig>
    let peer: VendurePeer
    let order: PlacedOrder

    const write = <P>(sink: string, items: ReadonlyArray<WriteItem<P>>): Promise<ReadonlyArray<WriteOutcome>> =>
      Effect.runPromise(shop.connector.sinks[sink]!.write(shop.context, items))
    const read = async (stream: string, options = {}) =>
      Chunk.toReadonlyArray(
        await Effect.runPromise(Stream.runCollect(shop.connector.streams[stream]!.read(shop.context, options))),
      ).flat()
    const reason = (outcome: WriteOutcome | undefined) => (outcome?.ok === false ? outcome.error.reason : "accepted")

    beforeAll(async () => {
      if (peerEnv === undefined) return
      shop = await vendureSystem(peerConfig(peerEnv), "vendure")
      peer = await vendurePeer(peerEnv)
    })

    it("checks the seeded channel: EUR, gross prices", async () => {
      const result = await Effect.runPromise(shop.connector.check(shop.context))
      expect(result.detail).toContain("EUR, prices include tax")
    })

    it("logs in again after Vendure ended the session (FORBIDDEN with HTTP 200, not a 401)", async () => {
      await Effect.runPromise(shop.connector.check(shop.context))
      const token = vendureSession(shop.context.config).current()
      expect(token).toBeDefined()
      const logout = await fetch(`${peerEnv?.url}/admin-api`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "mutation { logout { success } }" }),
      })
      expect(await logout.json()).toEqual({ data: { logout: { success: true } } })
      const result = await Effect.runPromise(shop.connector.check(shop.context))
      expect(result.ok).toBe(true)
      expect(vendureSession(shop.context.config).current()).not.toBe(token)
    })

    it("creates a product with a Size option group and two variants, and updates it in place", async () => {
      const [created] = await write("products", [{ naturalKey: PRODUCT, payload: jacket("Field Jacket") }])
      expect(created).toMatchObject({ ok: true, action: "created" })
      const [updated] = await write("products", [{ naturalKey: PRODUCT, payload: jacket("Field Jacket Waxed") }])
      expect(updated).toMatchObject({ ok: true, action: "updated", externalId: created?.ok ? created.externalId : "" })
      const m = await peer.variant(SKU_M)
      const l = await peer.variant(SKU_L)
      expect(m).toMatchObject({ name: "Field Jacket Waxed M", options: [{ code: "m", group: { code: "size" } }] })
      expect(l?.productId).toBe(m?.productId)
      const found = await Effect.runPromise(shop.connector.sinks.products!.lookup(shop.context, [PRODUCT]))
      expect(found.get(PRODUCT)).toBe(m?.productId)
    })

    it("writes a gross price and saleable stock, read back from Vendure", async () => {
      const prices = await write("prices", [
        { naturalKey: `${SKU_M}|default|EUR|1`, payload: { sku: SKU_M, price: 18990 } },
        { naturalKey: `${SKU_L}|default|EUR|1`, payload: { sku: SKU_L, price: 18990 } },
      ])
      const stock = await write("inventory", [
        { naturalKey: `${SKU_M}@default`, payload: { sku: SKU_M, saleable: 10 } },
        { naturalKey: `${SKU_L}@default`, payload: { sku: SKU_L, saleable: 4 } },
      ])
      expect([...prices, ...stock].every((o) => o.ok)).toBe(true)
      expect(await peer.variant(SKU_M)).toMatchObject({
        priceWithTax: 18990,
        price: 15958,
        stockOnHand: 10,
        stockAllocated: 0,
      })
    })

    it("reads an order placed through the draft-order flow from the orders stream, after its cursor", async () => {
      const before = await read("orders")
      const stream = shop.connector.streams.orders!
      const cursor = before.length === 0 ? undefined : stream.positionOf(before[before.length - 1])
      order = await peer.placeOrder({
        email: EMAIL,
        firstName: "Ada",
        lastName: "Lovelace",
        lines: [{ sku: SKU_M, quantity: 2 }],
      })
      expect(order.state).toBe("PaymentSettled")
      const after = (await read("orders", cursor === undefined ? {} : { since: cursor })) as ReadonlyArray<OrderRecord>
      const mine = after.find((o) => o.code === order.code)
      expect(mine?.lines.map((l) => [l.productVariant.sku, l.quantity])).toEqual([[SKU_M, 2]])
      expect(mine?.customer?.emailAddress).toBe(EMAIL)

      const ctx = mappingContext("vendure", shop.defaults, shop.connector.lookupTables?.(shop.context.config) ?? {})
      const canonical = await Effect.runPromise(decodeRecord(vendureMappings.order!, ctx, mine, order.code))
      const decoded = Schema.decodeUnknownSync(Order)(canonical)
      expect(decoded).toMatchObject({
        channel: "vendure",
        orderNumber: order.code,
        customer: { email: EMAIL },
        taxesIncluded: true,
        paymentStatus: "paid",
        status: "confirmed",
        lines: [{ sku: SKU_M, quantity: 2, unitPrice: { amount: 18990, currency: "EUR" } }],
      })
      expect(decoded.totals.grandTotal.amount).toBe(order.totalWithTax)
    })

    it("re-reads the order by id and finds its customer in the customers stream", async () => {
      const [again] = (await Effect.runPromise(
        shop.connector.streams.orders!.readByIds!(shop.context, [order.id]),
      )) as ReadonlyArray<OrderRecord>
      expect(again?.code).toBe(order.code)
      const customers = (await read("customers")) as ReadonlyArray<{ emailAddress: string }>
      expect(customers.some((c) => c.emailAddress === EMAIL)).toBe(true)
    })

    it("holds back the open order once: saleable stock is written on top of Vendure's allocation", async () => {
      expect(await peer.variant(SKU_M)).toMatchObject({ stockOnHand: 10, stockAllocated: 2 })
      await write("inventory", [{ naturalKey: `${SKU_M}@default`, payload: { sku: SKU_M, saleable: 8 } }])
      expect(await peer.variant(SKU_M)).toMatchObject({ stockOnHand: 10, stockAllocated: 2 })
    })

    it("ships the order: the fulfilment reaches Shipped, stock leaves, and a retry does not ship twice", async () => {
      const shipment: WriteItem<FulfillmentPayload> = {
        naturalKey: `vendure:${order.code}:SHP-${run}`,
        payload: {
          orderCode: order.code,
          fulfillmentId: `SHP-${run}`,
          lines: [{ sku: SKU_M, quantity: 2 }],
          carrier: "DHL",
          trackingCode: "00340434161234567890",
          state: "Shipped",
        },
      }
      const [created] = await write("fulfillments", [shipment])
      expect(created).toMatchObject({ ok: true, action: "created" })
      const [retried] = await write("fulfillments", [shipment])
      expect(retried).toMatchObject({ ok: true, action: "updated", externalId: created?.ok ? created.externalId : "" })
      const found = await Effect.runPromise(
        shop.connector.sinks.fulfillments!.lookup(shop.context, [shipment.naturalKey]),
      )
      expect(found.size).toBe(1)
      const state = await peer.admin<{
        order: { state: string; fulfillments: Array<{ method: string; state: string; trackingCode: string }> }
      }>(`query Order($id: ID!) { order(id: $id) { state fulfillments { method state trackingCode } } }`, {
        id: order.id,
      })
      expect(state.order).toEqual({
        state: "Shipped",
        fulfillments: [{ method: `DHL (SHP-${run})`, state: "Shipped", trackingCode: "00340434161234567890" }],
      })
      expect(await peer.variant(SKU_M)).toMatchObject({ stockOnHand: 8, stockAllocated: 0 })
    })

    it("lands Vendure's own refusals as the record's failure, and writes the rest of the batch", async () => {
      const second = await peer.placeOrder({ email: EMAIL, lines: [{ sku: SKU_L, quantity: 1 }] })
      const outcomes = await write<FulfillmentPayload>("fulfillments", [
        {
          naturalKey: `vendure:${second.code}:SHP-${run}-TOO-MANY`,
          payload: {
            orderCode: second.code,
            fulfillmentId: `SHP-${run}-TOO-MANY`,
            lines: [{ sku: SKU_L, quantity: 3 }],
            state: "Shipped",
          },
        },
        {
          naturalKey: `vendure:${second.code}:SHP-${run}-2`,
          payload: {
            orderCode: second.code,
            fulfillmentId: `SHP-${run}-2`,
            lines: [{ sku: SKU_L, quantity: 1 }],
            state: "Delivered",
          },
        },
      ])
      // addFulfillmentToOrder answers an ErrorResult (HTTP 200) for more than was ordered.
      expect(reason(outcomes[0])).toBe(
        "One or more OrderItems are already part of a Fulfillment (ItemsAlreadyFulfilledError ITEMS_ALREADY_FULFILLED_ERROR)",
      )
      expect(outcomes[1]).toMatchObject({ ok: true, action: "created" })

      // createProductVariants answers a GraphQL USER_INPUT_ERROR for a second variant with the same options.
      const [duplicate] = await write<ProductPayload>("products", [
        {
          naturalKey: PRODUCT,
          payload: {
            ...jacket("Field Jacket Waxed"),
            variants: [
              ...jacket("Field Jacket Waxed").variants,
              {
                sku: `${SKU_M}-BIS`,
                name: "Field Jacket Waxed M bis",
                enabled: true,
                options: [{ group: "Size", value: "M" }],
              },
            ],
          },
        },
      ])
      expect(reason(duplicate)).toBe(
        "A ProductVariant with the selected options already exists: Field Jacket Waxed M (USER_INPUT_ERROR)",
      )
    })

    it("maps a canonical product the way the hub sends it, variants without options included", async () => {
      const ctx = mappingContext("vendure", shop.defaults, shop.connector.lookupTables?.(shop.context.config) ?? {})
      const payload = await Effect.runPromise(
        Schema.encode(vendureMappings.product!.write!)({
          productNumber: `E2E-MUG-${run}`,
          title: { en: "Enamel Mug" },
          categories: [],
          media: [],
          status: "active",
          attributes: {},
          variants: [
            { sku: `E2E-MUG-${run}-W`, options: [], status: "active" },
            { sku: `E2E-MUG-${run}-B`, options: [], status: "active" },
          ],
          updatedAt: "2026-11-30T10:00:00Z",
        }).pipe(Effect.provideService(MappingContext, ctx)),
      )
      const [outcome] = await write("products", [{ naturalKey: `E2E-MUG-${run}`, payload }])
      expect(outcome).toMatchObject({ ok: true, action: "created" })
      expect((await peer.variant(`E2E-MUG-${run}-B`))?.options).toEqual([
        { code: `e2e-mug-${run.toLowerCase()}-b`, group: { code: "variant" } },
      ])
    })
  },
)

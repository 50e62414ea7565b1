/**
 * Tryton (ERP) ⇄ esl ⇄ Vendure (shop), both real servers, no mock in between, through the
 * `esl` command as an operator runs it: the catalogue, prices and stock go from Tryton to
 * Vendure; an order placed in Vendure becomes a confirmed Tryton sale; the shipment made in
 * Tryton and the stock it took flow back to Vendure; a further sync moves nothing; and a shipment
 * Vendure refuses (of an order cancelled in the shop while the warehouse shipped it) lands in the
 * dead-letter queue with Vendure's own words while the rest goes on.
 *
 * The global setup (test/e2e/globalSetup.ts) starts both servers and sets TRYTON_URL and
 * VENDURE_URL. Without them the suite skips, unless ESL_REQUIRE_SERVICES=1, where it fails.
 * Its records carry a per-run code, and every outbound flow filters on it: the other e2e suites
 * share the two servers, so the hub reads their records too, but only this suite's are written.
 */
import { writeFileSync } from "node:fs"
import { afterAll, beforeAll, expect, it } from "vitest"
import type { TrytonClient } from "../../connectors/tryton/client.ts"
import {
  clientOf,
  configFromEnv,
  createProduct,
  saleByReference,
  setStock,
  shipSale,
  stockOf,
  systemFor,
} from "../../connectors/tryton/testing.ts"
import { type PlacedOrder, type VendurePeer, vendurePeer, vendurePeerEnv } from "../../connectors/vendure/testing.ts"
import { type FlowJson, runEsl, type SyncJson, scratchProject } from "../support/cli.ts"
import { describeWithPeers } from "../support/services.ts"

const tryton = configFromEnv()
const shopEnv = vendurePeerEnv()

const RUN = Date.now().toString(36).toUpperCase()
/** Every record of this suite starts with it, and every flow keeps only those. */
const PREFIX = `RT${RUN}`
const FLEECE = `${PREFIX}-FLEECE`
const FLEECE_M = `${FLEECE}-M`
const FLEECE_L = `${FLEECE}-L`
const EMAIL = `ada.${RUN.toLowerCase()}@example.com`

const config = `import { defineConfig, env } from "eslayer"
import { tryton } from "eslayer/connectors/tryton"
import { vendure } from "eslayer/connectors/vendure"

const ours = (key: string) => key.startsWith(${JSON.stringify(PREFIX)})

export default defineConfig({
  systems: {
    erp: tryton({
      baseUrl: env("TRYTON_URL"),
      database: env("TRYTON_DB", "esl"),
      username: env("TRYTON_USER", "admin"),
      password: env("TRYTON_PASSWORD", "admin"),
      warehouses: ["WH"],
    }),
    shop: vendure({
      baseUrl: env("VENDURE_ADMIN_URL"),
      username: env("VENDURE_SUPERADMIN_USERNAME", "superadmin"),
      password: env("VENDURE_SUPERADMIN_PASSWORD", "superadmin"),
      locationCode: "WH",
      // Tryton's list prices are net, so the channel they feed is a net one (Vendure adds the tax).
      pricesIncludeTax: false,
    }),
  },
  ownership: {
    product: { "*": "erp" },
    price: { "*": "erp" },
    inventory: { "*": "erp" },
  },
  flows: {
    // The catalogue and its prices, Tryton → Vendure.
    "erp-products": { from: "erp", stream: "products" },
    "shop-products": { to: "shop", sink: "products", filter: (p) => ours(p.productNumber) },
    "erp-prices": { from: "erp", stream: "prices" },
    "shop-prices": { to: "shop", sink: "prices", filter: (p) => ours(p.sku) },
    // Orders and their customers, Vendure → Tryton.
    "shop-customers": { from: "shop", stream: "customers" },
    "shop-orders": { from: "shop", stream: "orders" },
    "erp-customers": { to: "erp", sink: "customers", filter: (c) => c.email === ${JSON.stringify(EMAIL)} },
    "erp-orders": { to: "erp", sink: "orders", filter: (o) => o.lines.every((l) => ours(l.sku)) },
    // Shipments, Tryton → Vendure.
    "erp-fulfillments": { from: "erp", stream: "fulfillments" },
    "shop-fulfillments": {
      to: "shop",
      sink: "fulfillments",
      filter: (f) => f.channel === "vendure" && f.lines.every((l) => ours(l.sku)),
    },
    // Stock last, so Vendure sells what Tryton has left after the new orders.
    "erp-inventory": { from: "erp", stream: "inventory" },
    "shop-inventory": { to: "shop", sink: "inventory", filter: (l) => ours(l.sku) },
  },
})
`

describeWithPeers(
  "Tryton ⇄ esl ⇄ Vendure, real servers",
  { TRYTON_URL: tryton !== undefined, VENDURE_URL: shopEnv !== undefined },
  "run npm run test:e2e",
  () => {
    const project = scratchProject("e2e-roundtrip")
    writeFileSync(project.config, config)
    const env = () => ({
      TRYTON_URL: tryton?.baseUrl ?? "",
      TRYTON_DB: tryton?.database ?? "",
      TRYTON_USER: tryton?.username ?? "",
      TRYTON_PASSWORD: typeof tryton?.password === "string" ? tryton.password : "",
      VENDURE_ADMIN_URL: `${shopEnv?.url}/admin-api`,
      VENDURE_SUPERADMIN_USERNAME: shopEnv?.username ?? "",
      VENDURE_SUPERADMIN_PASSWORD: shopEnv?.password ?? "",
    })
    const esl = async (...args: string[]) => {
      const run = await runEsl([...args, "--config", project.config, "--json"], { env: env(), cwd: project.dir })
      expect(run.stdout, run.stderr).toContain("{")
      return { code: run.code, json: JSON.parse(run.stdout) as unknown, stderr: run.stderr }
    }
    const sync = async (): Promise<SyncJson & { readonly code: number | null }> => {
      const run = await esl("sync")
      return { code: run.code, ...(run.json as SyncJson) }
    }
    const moved = (flows: Record<string, FlowJson>) =>
      Object.entries(flows)
        .filter(([, f]) => f.created > 0 || f.updated > 0 || f.failed > 0)
        .map(([name, f]) => ({ name, created: f.created, updated: f.updated, failed: f.failed }))

    let erp: TrytonClient
    let shop: VendurePeer
    let first: SyncJson & { readonly code: number | null }
    let shipped: PlacedOrder
    let cancelled: PlacedOrder
    let channel: { id: string; pricesIncludeTax: boolean } | undefined
    const setChannelGross = (gross: boolean) =>
      shop.admin(
        `mutation Channel($id: ID!, $gross: Boolean!) {
        updateChannel(input: { id: $id, pricesIncludeTax: $gross }) { __typename ... on ErrorResult { errorCode message } } }`,
        { id: channel?.id, gross },
      )

    beforeAll(async () => {
      if (tryton === undefined || shopEnv === undefined) return
      erp = clientOf(await systemFor(tryton))
      shop = await vendurePeer(shopEnv)
      // The server's seed makes a gross channel; this suite needs a net one, and puts it back after.
      ;({ activeChannel: channel } = await shop.admin<{ activeChannel: { id: string; pricesIncludeTax: boolean } }>(
        `query { activeChannel { id pricesIncludeTax } }`,
      ))
      await setChannelGross(false)
      await createProduct(erp, { name: "Alpine Fleece", code: FLEECE, listPrice: "59.90", suffixes: ["-M", "-L"] })
      await setStock(erp, FLEECE_M, 25)
      await setStock(erp, FLEECE_L, 10)
      first = await sync()
    })
    afterAll(async () => {
      if (channel !== undefined) await setChannelGross(channel.pricesIncludeTax)
      project.cleanup()
    })

    it("checks both systems", async () => {
      const run = await esl("check")
      expect(run.code, run.stderr).toBe(0)
      const { checks } = run.json as { checks: Array<{ system: string; ok: boolean }> }
      expect(checks.map((c) => [c.system, c.ok])).toEqual([
        ["erp", true],
        ["shop", true],
      ])
    })

    it("publishes Tryton's products with their variants, net prices and stock to Vendure", async () => {
      expect(moved(first.flows).filter((f) => f.failed > 0)).toEqual([])
      expect(first.ok).toBe(true)
      expect(first.code).toBe(0)
      expect(first.flows["erp-products"]).toMatchObject({ failed: 0 })
      expect(first.flows["shop-products"]).toMatchObject({ created: 1, failed: 0 })
      expect(first.flows["shop-prices"]).toMatchObject({ updated: 2, failed: 0 })
      const m = await shop.variant(FLEECE_M)
      const l = await shop.variant(FLEECE_L)
      // 59.90 net; Vendure adds the seeded 19 %.
      expect(m).toMatchObject({ sku: FLEECE_M, price: 5990, priceWithTax: 7128, stockOnHand: 25, stockAllocated: 0 })
      expect(l).toMatchObject({ sku: FLEECE_L, price: 5990, stockOnHand: 10 })
      expect(m?.productId).toBe(l?.productId)
    })

    it("books orders placed in Vendure as confirmed Tryton sales, once, and keeps selling what is left", async () => {
      shipped = await shop.placeOrder({
        email: EMAIL,
        firstName: "Ada",
        lastName: "Lovelace",
        lines: [{ sku: FLEECE_M, quantity: 2 }],
      })
      cancelled = await shop.placeOrder({ email: EMAIL, lines: [{ sku: FLEECE_L, quantity: 1 }] })
      expect([shipped.state, cancelled.state]).toEqual(["PaymentSettled", "PaymentSettled"])
      const second = await sync()
      expect(second.flows["shop-orders"]).toMatchObject({ failed: 0 })
      expect(second.flows["shop-orders"]?.read).toBeGreaterThanOrEqual(2)
      expect(second.flows["erp-orders"]).toMatchObject({ created: 2, failed: 0 })
      expect(second.flows["erp-customers"]).toMatchObject({ created: 1, failed: 0 })
      for (const order of [shipped, cancelled]) {
        expect(await saleByReference(erp, `vendure:${order.code}`)).toMatchObject({
          state: "processing",
          shipment_state: "waiting",
        })
      }
      // Tryton reserves the two for the sale; Vendure has allocated them: neither holds them back twice.
      expect(await stockOf(erp, FLEECE_M)).toEqual({ quantity: 25, forecast: 23 })
      expect(await shop.variant(FLEECE_M)).toMatchObject({ stockOnHand: 25, stockAllocated: 2 })
      const again = await sync()
      expect(again.flows["erp-orders"]).toMatchObject({ created: 0, failed: 0 })
    })

    it("sends Tryton's shipments to Vendure; the one Vendure refuses goes to the DLQ with Vendure's words", async () => {
      // The customer cancels the second order in the shop while the warehouse ships it anyway.
      await shop.admin(
        `mutation Cancel($id: ID!) {
        cancelOrder(input: { orderId: $id, reason: "customer" }) { __typename ... on ErrorResult { errorCode message } } }`,
        { id: cancelled.id },
      )
      expect(await shipSale(erp, `vendure:${shipped.code}`)).toHaveLength(1)
      expect(await shipSale(erp, `vendure:${cancelled.code}`)).toHaveLength(1)

      const third = await sync()
      expect(third.ok).toBe(false)
      expect(third.code).not.toBe(0)
      // The cancellation reaches the hub; the sale is Tryton's now and its warehouse has shipped it.
      expect(third.flows["shop-orders"]).toMatchObject({ updated: 1, failed: 0 })
      expect(third.flows["erp-orders"]).toMatchObject({ failed: 0 })
      expect(third.flows["erp-fulfillments"]).toMatchObject({ failed: 0 })
      expect(third.flows["erp-fulfillments"]?.read).toBeGreaterThanOrEqual(2)
      expect(third.flows["shop-fulfillments"]).toMatchObject({ created: 1, failed: 1 })
      const { order } = await shop.admin<{ order: { state: string; fulfillments: Array<{ state: string }> } }>(
        `query Shipped($id: ID!) { order(id: $id) { state fulfillments { state } } }`,
        { id: shipped.id },
      )
      expect(order.state).toBe("Shipped")
      expect(order.fulfillments.map((f) => f.state)).toEqual(["Shipped"])

      const { deadLetters } = (await esl("dlq", "list")).json as {
        deadLetters: Array<{ flow: string; system: string; recordKey: string; reason: string }>
      }
      expect(deadLetters, JSON.stringify(deadLetters, null, 1)).toHaveLength(1)
      expect(deadLetters[0]).toMatchObject({ flow: "shop-fulfillments", system: "shop" })
      expect(deadLetters[0]?.recordKey).toContain(cancelled.code)
      // Vendure's own answer to fulfilling a cancelled order's lines.
      expect(deadLetters[0]?.reason).toContain("One or more OrderItems are already part of a Fulfillment")
    })

    it("brings Vendure's stock to what Tryton has left after shipping", async () => {
      expect(await stockOf(erp, FLEECE_M)).toEqual({ quantity: 23, forecast: 23 })
      expect(await stockOf(erp, FLEECE_L)).toEqual({ quantity: 9, forecast: 9 })
      expect(await shop.variant(FLEECE_M)).toMatchObject({ stockOnHand: 23, stockAllocated: 0 })
    })

    it("moves nothing on a further sync", async () => {
      const last = await sync()
      expect(moved(last.flows)).toEqual([])
      expect(await shop.variant(FLEECE_M)).toMatchObject({ stockOnHand: 23, stockAllocated: 0 })
    })
  },
)

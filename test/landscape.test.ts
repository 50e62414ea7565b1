import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type LandscapeUrls, landscapeConfig } from "../cli/landscapeConfig.ts"
import { akeneoSandbox } from "../connectors/akeneo/index.ts"
import { amazonSandbox } from "../connectors/amazon/index.ts"
import { ebaySandbox } from "../connectors/ebay/index.ts"
import { hubspotSandbox } from "../connectors/hubspot/index.ts"
import { odooSandbox } from "../connectors/odoo/index.ts"
import { shopifySandbox } from "../connectors/shopify/index.ts"
import { shopwareSandbox } from "../connectors/shopware/index.ts"
import { woocommerceSandbox } from "../connectors/woocommerce/index.ts"
import { type RunningSandbox, serveSandbox } from "../core/connector/index.ts"
import { runEsl, type SyncJson } from "./support/cli.ts"

// The whole omnichannel landscape on sandboxes, through the public CLI: Akeneo owns product
// content, Odoo prices, stock and the order book; Shopify, Shopware, WooCommerce, Amazon and eBay
// sell; HubSpot keeps the customers. The sandboxes run in this process as real HTTP servers so
// the test can look at what each vendor holds afterwards.

const root = resolve(import.meta.dirname, "..")

describe("the omnichannel landscape on sandboxes", () => {
  const sandboxes = {
    erp: odooSandbox(),
    pim: akeneoSandbox(),
    crm: hubspotSandbox(),
    shopify: shopifySandbox(),
    shopware: shopwareSandbox(),
    woocommerce: woocommerceSandbox(),
    amazon: amazonSandbox(),
    ebay: ebaySandbox(),
  }
  const running: Partial<Record<keyof typeof sandboxes, RunningSandbox>> = {}
  const dir = join(root, ".esl", "test", `landscape-${process.pid}-${Date.now()}`)
  const config = join(dir, "esl.config.ts")
  const sync = async (): Promise<SyncJson> => {
    const run = await runEsl(["sync", "--config", config, "--json"], { cwd: dir })
    expect(run.stdout, run.stderr).toContain("{")
    return JSON.parse(run.stdout) as SyncJson
  }
  let first: SyncJson

  beforeAll(async () => {
    for (const [name, sandbox] of Object.entries(sandboxes)) {
      running[name as keyof typeof sandboxes] = await serveSandbox(sandbox)
    }
    const urls = Object.fromEntries(
      Object.entries(running).map(([name, s]) => [name, s.url]),
    ) as unknown as LandscapeUrls
    mkdirSync(dir, { recursive: true })
    writeFileSync(config, landscapeConfig("eslayer", urls))
    first = await sync()
  })
  afterAll(async () => {
    await Promise.all(Object.values(running).map((s) => s.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  const orm = () => sandboxes.erp.state.orm
  const warehouseCode = (id: unknown) =>
    orm()
      .all("stock.warehouse")
      .find((w) => w.id === id)?.code
  const saleOrders = () =>
    orm()
      .all("sale.order")
      .filter((row) => typeof row.client_order_ref === "string" && row.client_order_ref.includes(":"))
      .map((row) => ({
        id: row.id as number,
        ref: String(row.client_order_ref),
        warehouse: warehouseCode(row.warehouse_id),
      }))
  const wooProduct = (sku: string) => [...sandboxes.woocommerce.state.products.values()].find((p) => p.sku === sku)

  it("runs every flow of the first sync without a failure", () => {
    const failed = Object.entries(first.flows).filter(([, flow]) => flow.failed > 0 || flow.status !== "succeeded")
    expect(failed).toEqual([])
    expect(first.ok).toBe(true)
  })

  it("merges the PIM's content with the ERP's variants and prices, and publishes them to every shop", () => {
    // Odoo has English names only; the German one can only have come from Akeneo.
    expect(wooProduct("ALP-HOOD-M-NVY")?.regular_price).toBe("89.00")
    const hoodie = [...sandboxes.woocommerce.state.products.values()].find(
      (p) => p.type === "variable" && p.name === "Merino-Kapuzenpullover",
    )
    expect(hoodie).toBeDefined()
    const shopifyTee = sandboxes.shopify.state.products.find((p) => p.variants.some((v) => v.sku === "ALP-TEE-M-BLK"))
    expect(shopifyTee?.variants.map((v) => v.sku).sort()).toEqual([
      "ALP-TEE-L-BLK",
      "ALP-TEE-M-BLK",
      "ALP-TEE-M-WHT",
      "ALP-TEE-S-BLK",
    ])
    expect(shopifyTee?.variants.find((v) => v.sku === "ALP-TEE-M-BLK")?.price).toBe("29.95")
  })

  it("gives Shopware the German texts from the PIM and eBay images it can fetch", () => {
    const shopwareTee = [...sandboxes.shopware.state.table("product").values()].find(
      (p) => p.productNumber === "ALP-TEE",
    )
    expect(JSON.stringify(shopwareTee?.translations)).toContain("Bio-Baumwoll-T-Shirt")
    const white = sandboxes.ebay.state.items.get("ALP-TEE-M-WHT")
    expect(
      white?.product?.imageUrls?.every((url) => url.startsWith("https://media.alpenglow-outfitters.de/pim/")),
    ).toBe(true)
  })

  it("gives the marketplaces the ERP's prices and warehouse stock", () => {
    // The Amazon seed lists ALP-TRAIL-42 at 134.90; Odoo's list price is 129.90.
    const trail = sandboxes.amazon.state.listings.get("ALP-TRAIL-42")
    expect(trail?.price).toBe(129.9)
    expect(trail?.quantity).toBeGreaterThan(0)
  })

  it("brings the orders of every channel into the ERP exactly once", () => {
    const refs = saleOrders().map((o) => o.ref)
    for (const channel of ["shopify", "shopware", "woocommerce", "amazon", "ebay"]) {
      expect(refs.filter((ref) => ref.startsWith(`${channel}:`)).length, channel).toBeGreaterThan(0)
    }
    expect(new Set(refs).size).toBe(refs.length)
  })

  it("keeps a click-and-collect order's pickup store in the ERP", () => {
    const byRef = new Map(saleOrders().map((o) => [o.ref, o.warehouse]))
    expect(byRef.get("shopify:1002")).toBe("BER")
    expect(byRef.get("woocommerce:1002")).toBe("BER")
    expect(byRef.get("shopify:1001")).toBe("WH")
  })

  it("lands the shops' customers in HubSpot with their marketing consents", () => {
    const contacts = [...(sandboxes.crm.state.objects.contacts?.values() ?? [])].map((c) => c.properties)
    const byEmail = new Map(contacts.map((c) => [c.email, c]))
    // Lena subscribed at Shopify's checkout; Jonas Becker did not.
    expect(byEmail.get("lena.schneider@example.de")?.hs_email_optout).toBe("false")
    expect(byEmail.get("jonas.weber@example.de")).toBeDefined()
    // Shopware's newsletter: Lena Hoffmann opted in, Sophie Keller opted out.
    expect(byEmail.get("lena.hoffmann@example.de")?.hs_email_optout).toBe("false")
    expect(byEmail.get("sophie.keller@example.ch")?.hs_email_optout).toBe("true")
  })

  it("brings a return made in the Berlin store into the ERP, into that store's stock", () => {
    const returns = orm()
      .all("stock.picking")
      .filter((p) => p.origin === "shopify:998877001")
    expect(
      returns.map((p) => [
        p.state,
        warehouseCode(orm().get("stock.picking.type", p.picking_type_id as number)?.warehouse_id),
      ]),
    ).toEqual([["done", "BER"]])
  })

  it("sends the ERP's shipments back to the channel that sold the order", async () => {
    // The warehouse packs three orders: it books carrier and tracking number, then validates.
    const erpCall = async (model: string, method: string, body: Record<string, unknown>) => {
      const answer = await fetch(`${running.erp?.url}/json/2/${model}/${method}`, {
        method: "POST",
        headers: { Authorization: "bearer sandbox-key", "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })
      expect(answer.status, await answer.clone().text()).toBe(200)
    }
    const dhl = orm()
      .all("delivery.carrier")
      .find((c) => String(c.name).startsWith("DHL"))
    const shipped = ["amazon:028-7734190-5526315", "ebay:14-11234-56789", "shopware:10001"]
    for (const [index, ref] of shipped.entries()) {
      const order = saleOrders().find((o) => o.ref === ref)
      const picking = orm()
        .all("stock.picking")
        .find((p) => p.sale_id === order?.id)
      expect(picking?.state, ref).toBe("assigned")
      const vals = { carrier_id: dhl?.id, carrier_tracking_ref: `0034043416109410000${index}` }
      await erpCall("stock.picking", "write", { ids: [picking?.id], vals })
      await erpCall("stock.picking", "button_validate", { ids: [picking?.id] })
    }
    const next = await sync()
    expect(next.flows["erp-deliveries"]?.created).toBe(3)
    for (const flow of ["amazon-shipments", "ebay-fulfillments", "shopware-deliveries"]) {
      expect([next.flows[flow]?.created, next.flows[flow]?.failed], flow).toEqual([1, 0])
    }
    expect(sandboxes.amazon.state.orders.get("028-7734190-5526315")?.order.OrderStatus).toBe("Shipped")
    expect(sandboxes.ebay.state.fulfillments.get("14-11234-56789")?.length).toBe(1)
    const deliveries = [...sandboxes.shopware.state.table("order_delivery").values()]
    expect(
      deliveries.filter((d) => JSON.stringify(d.trackingCodes ?? []).includes("00340434161094100002")),
    ).toHaveLength(1)
    // The channels now report those orders as shipped; that echo updates the hub, the ERP and
    // the CRM once, and sends no shipment a second time.
    const echo = await sync()
    for (const flow of ["amazon-shipments", "ebay-fulfillments", "shopware-deliveries"]) {
      expect([echo.flows[flow]?.created, echo.flows[flow]?.updated, echo.flows[flow]?.failed], flow).toEqual([0, 0, 0])
    }
    expect(echo.flows["erp-orders"]?.created).toBe(0)
  })

  it("moves nothing on a further sync, and sends no order to the ERP twice", async () => {
    const before = saleOrders().length
    const again = await sync()
    expect(again.ok).toBe(true)
    const moved = Object.entries(again.flows).filter(([, f]) => f.created + f.updated + f.failed > 0)
    expect(moved).toEqual([])
    expect(saleOrders().length).toBe(before)
  })
})

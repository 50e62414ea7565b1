import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runEsl, scratchProject, startSandboxProcess } from "./support/cli.ts"

// The worst moment to die: the shop has accepted the products, esl has not yet recorded their
// ids nor moved its cursor. The re-run must link the existing products, not create them again.
describe("a process killed between the vendor write and the cursor commit", () => {
  let erp: { url: string; stop: () => Promise<void> }
  let shop: { url: string; stop: () => Promise<void> }
  const project = scratchProject("crash")
  const env = () => ({ ODOO_URL: erp.url, SHOPIFY_URL: shop.url })

  beforeAll(async () => {
    ;[erp, shop] = await Promise.all([startSandboxProcess("odoo"), startSandboxProcess("shopify")])
  })
  afterAll(async () => {
    await Promise.all([erp?.stop(), shop?.stop()])
    project.cleanup()
  })

  const shopProducts = async (): Promise<string[]> => {
    const response = await fetch(`${shop.url}/admin/api/2025-01/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
      body: JSON.stringify({ query: "{ productVariants(first: 250) { nodes { sku } } }" }),
    })
    const body = (await response.json()) as { data: { productVariants: { nodes: Array<{ sku: string | null }> } } }
    return body.data.productVariants.nodes.flatMap((n) => (n.sku ? [n.sku] : []))
  }

  it("creates no duplicate when the run is re-started after a SIGKILL", async () => {
    const killed = await runEsl(["sync", "--config", project.config, "--json"], {
      env: { ...env(), ESL_FAULT: "kill-after-write:shop-products" },
    })
    expect(killed.signal).toBe("SIGKILL")
    const afterCrash = await shopProducts()
    expect(afterCrash.length).toBeGreaterThan(0)

    const rerun = await runEsl(["sync", "--config", project.config, "--json"], { env: env() })
    expect(rerun.code, rerun.stderr).toBe(0)
    const report = JSON.parse(rerun.stdout) as { flows: Record<string, { created: number; updated: number }> }
    const skus = await shopProducts()
    expect(new Set(skus).size).toBe(skus.length)
    expect(skus.sort()).toEqual(expect.arrayContaining(afterCrash))
    // what the killed run had written is linked (updated), never created a second time
    expect(report.flows["shop-products"]?.created ?? 0).toBeLessThan(5)

    const third = await runEsl(["sync", "--config", project.config, "--json"], { env: env() })
    const again = JSON.parse(third.stdout) as { flows: Record<string, { created: number; updated: number }> }
    expect(again.flows["shop-products"]).toEqual(expect.objectContaining({ created: 0, updated: 0 }))
  })
})

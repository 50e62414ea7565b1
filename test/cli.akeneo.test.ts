import { describe, expect, it } from "vitest"
import { akeneoScratchProject } from "./support/akeneo.ts"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

describe("esl with the Akeneo sandbox: PIM → hub → Shopify", () => {
  const { esl } = useSandboxProject("cli-akeneo", {
    project: akeneoScratchProject,
    sandboxes: { pim: "akeneo", shop: "shopify" },
    env: ({ pim, shop }) => ({ AKENEO_URL: pim, SHOPIFY_URL: shop }),
    oneAfterAnother: true,
  })

  it("checks the PIM (OAuth password grant, channel) and the shop", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean; detail?: string }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["pim", true],
      ["shop", true],
    ])
  })

  it("syncs Akeneo's categories and products into the hub and the products on to Shopify", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    expect(report.ok).toBe(true)
    expect(report.flows["pim-categories"]).toMatchObject({ read: 6, created: 6, failed: 0 })
    expect(report.flows["pim-products"]).toMatchObject({ read: 5, created: 5, failed: 0 })
    expect(report.flows["shop-products"]).toMatchObject({ created: 5, failed: 0 })
  })

  it("moves nothing on a second run when nothing changed", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(report.flows)) {
      expect({ name, created: flow.created, updated: flow.updated }).toEqual({ name, created: 0, updated: 0 })
    }
  })
})

import { describe, expect, it } from "vitest"
import { type SyncJson, useSandboxProject } from "./support/cli.ts"

describe("esl sync against `esl sandbox` servers", () => {
  const { esl } = useSandboxProject("cli-sync", {
    sandboxes: { erp: "odoo", shop: "shopify" },
    env: ({ erp, shop }) => ({ ODOO_URL: erp, SHOPIFY_URL: shop }),
  })

  it("checks both systems through their sandboxes", async () => {
    const run = await esl(["check", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as { checks: Array<{ system: string; ok: boolean }> }
    expect(report.checks.map((c) => [c.system, c.ok])).toEqual([
      ["erp", true],
      ["shop", true],
    ])
  })

  it("syncs ERP → hub → shop and shop → hub → ERP, printing per-flow counts with --json", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr + run.stdout).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    expect(report.ok).toBe(true)
    const flows = report.flows
    for (const flow of Object.values(flows)) {
      expect(flow).toEqual(
        expect.objectContaining({
          read: expect.any(Number),
          created: expect.any(Number),
          updated: expect.any(Number),
          unchanged: expect.any(Number),
          failed: 0,
          durationMs: expect.any(Number),
        }),
      )
    }
    expect(flows["erp-products"]?.created).toBe(5)
    expect(flows["shop-products"]?.created).toBe(5)
    expect(flows["erp-stock"]?.created).toBeGreaterThan(0)
    expect(flows["shop-stock"]?.created).toBeGreaterThan(0)
    expect(flows["shop-orders"]?.created).toBeGreaterThanOrEqual(3)
    expect(flows["erp-orders"]?.created).toBeGreaterThanOrEqual(3)
  })

  it("moves nothing on a second run when nothing changed", async () => {
    const run = await esl(["sync", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as SyncJson
    for (const [name, flow] of Object.entries(report.flows)) {
      expect({ name, created: flow.created, updated: flow.updated }).toEqual({ name, created: 0, updated: 0 })
    }
  })

  it("reports status per flow", async () => {
    const run = await esl(["status", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const status = JSON.parse(run.stdout) as {
      flows: Record<string, { lastRun: { status: string } | null; deadLetters: number }>
    }
    expect(status.flows["erp-products"]?.lastRun?.status).toBe("succeeded")
    expect(status.flows["shop-products"]?.deadLetters).toBe(0)
  })

  it("fails with exit code 1 and names the flow when asked for an unknown flow", async () => {
    const run = await esl(["sync", "--flow", "nope"])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("Unknown flow(s): nope")
  })
})

import { spawn } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { runEsl, scratchProject } from "./support/cli.ts"

const root = resolve(import.meta.dirname, "..")

describe("esl init, connectors and map", () => {
  const project = scratchProject("cli-commands")
  afterAll(() => project.cleanup())

  it("esl init writes a config wired to the sandboxes' default ports and refuses to overwrite it", async () => {
    const file = join(project.dir, "fresh.config.ts")
    const first = await runEsl(["init", "--file", file])
    expect(first.code, first.stderr).toBe(0)
    const text = readFileSync(file, "utf8")
    expect(text).toContain("http://127.0.0.1:4011")
    expect(text).toContain("http://127.0.0.1:4010")
    expect(text).toContain('env("SHOPIFY_TOKEN"')
    const again = await runEsl(["init", "--file", file])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain("already exists")
  })

  it("esl init --landscape wires every system to `esl sandbox all`, and esl check passes for each", async () => {
    const file = join(project.dir, "landscape.config.ts")
    const init = await runEsl(["init", "--landscape", "--file", file])
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain("esl sandbox all")
    const sandboxes = spawn(process.execPath, [join(root, "cli/bin.mjs"), "sandbox", "all"], {
      cwd: root,
      env: { ...process.env, ESL_LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    try {
      await new Promise<void>((listening, fail) => {
        let output = ""
        sandboxes.stdout.on("data", (d: Buffer) => {
          output += d.toString()
          if (output.includes("Every sandbox is listening")) listening()
        })
        sandboxes.stderr.on("data", (d: Buffer) => {
          output += d.toString()
        })
        sandboxes.once("close", (code) => fail(new Error(`esl sandbox all exited ${code}: ${output}`)))
      })
      const check = await runEsl(["check", "--config", file, "--json"])
      expect(check.code, check.stderr + check.stdout).toBe(0)
      const report = JSON.parse(check.stdout) as { checks: Array<{ system: string; ok: boolean }> }
      expect(report.checks.map((c) => [c.system, c.ok])).toEqual(
        ["erp", "pim", "crm", "shopify", "shopware", "woocommerce", "amazon", "ebay"].map((s) => [s, true]),
      )
    } finally {
      const closed = new Promise((done) => sandboxes.once("close", done))
      sandboxes.kill("SIGTERM")
      await closed
    }
  })

  it("esl connectors --json lists every connector with its streams and sinks", async () => {
    const run = await runEsl(["connectors", "--json"])
    expect(run.code, run.stderr).toBe(0)
    const { connectors } = JSON.parse(run.stdout) as {
      connectors: Array<{
        name: string
        sandboxPort: number
        streams: Record<string, { entity: string }>
        sinks: Record<string, { maxBatchSize: number }>
      }>
    }
    const byName = Object.fromEntries(connectors.map((c) => [c.name, c]))
    expect(byName.shopify?.sandboxPort).toBe(4010)
    expect(byName.odoo?.sandboxPort).toBe(4011)
    expect(byName.shopify?.streams.products?.entity).toBe("product")
    expect(byName.odoo?.sinks.saleOrders?.maxBatchSize).toBeGreaterThan(0)
  })

  it("esl map decodes a vendor record to the canonical model and --reverse encodes it back", async () => {
    const fixture = join(root, "connectors/odoo/fixtures/products.json")
    const decoded = await runEsl(["map", "odoo", "product", fixture])
    expect(decoded.code, decoded.stderr).toBe(0)
    const result = JSON.parse(decoded.stdout) as {
      mapped: Array<{ productNumber: string; variants: Array<{ sku: string }> }>
      failures: unknown[]
    }
    expect(result.failures).toEqual([])
    expect(result.mapped[0]?.variants.map((v) => v.sku)).toContain("ALP-TEE-S-BLK")

    const canonicalFile = join(project.dir, "canonical-product.json")
    writeFileSync(canonicalFile, JSON.stringify(result.mapped[0]))
    const encoded = await runEsl(["map", "shopify", "product", canonicalFile, "--reverse"])
    expect(encoded.code, encoded.stderr).toBe(0)
    expect(encoded.stdout).toContain("ALP-TEE-S-BLK")
  })

  it("esl map reports what is wrong with a bad record, with its JSON path, and exits 2", async () => {
    const bad = join(project.dir, "bad-product.json")
    const products = JSON.parse(readFileSync(join(root, "connectors/odoo/fixtures/products.json"), "utf8")) as Array<{
      variants: Array<Record<string, unknown>>
    }>
    const broken = structuredClone(products[0]!)
    broken.variants[0]!.default_code = false
    writeFileSync(bad, JSON.stringify(broken))
    const run = await runEsl(["map", "odoo", "product", bad])
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/\$\.variants\[0\]/)
  })

  it("a config with a missing secret fails at start, naming the variable and the config path", async () => {
    const config = join(project.dir, "secret.config.ts")
    writeFileSync(
      config,
      `import { defineConfig, env } from "eslayer"\nimport { shopify } from "eslayer/connectors/shopify"\nexport default defineConfig({ systems: { shop: shopify({ shop: "acme", accessToken: env("ESL_TEST_UNSET_TOKEN") }) }, flows: {} })\n`,
    )
    const run = await runEsl(["sync", "--config", config])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain("ESL_TEST_UNSET_TOKEN")
    expect(run.stderr).toContain("systems.shop.accessToken")
    expect(existsSync(join(project.dir, ".esl", "state.db"))).toBe(false)
  })
})

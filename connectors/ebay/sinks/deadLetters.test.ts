import { Effect, Layer, Logger, LogLevel } from "effect"
import { setupServer } from "msw/node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defineConfig, type EslConfig } from "../../../core/config/index.ts"
import { buildApp } from "../../../core/runtime/app.ts"
import { openSqliteStateStore, StateStore } from "../../../core/state/index.ts"
import { runFlows } from "../../../core/sync/index.ts"
import { defaultMappings } from "../../../mappings/index.ts"
import { tempStateFile } from "../../../test/support/harness.ts"
import { odoo, odooConnector } from "../../odoo/index.ts"
import { ebay } from "../index.ts"
import { ebaySandbox, ebaySandboxCredentials } from "../sandbox/index.ts"

// Odoo's stock goes to eBay before any product was listed there: the SKUs eBay has are updated,
// the others are rejected by eBay (25702) and land in the DLQ with eBay's message; the run goes on.
const sandbox = ebaySandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers, ...odooConnector.sandbox({ rateLimits: false }).handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterAll(() => server.close())

const config = defineConfig({
  systems: {
    erp: odoo({ baseUrl: "https://odoo.dlq.test", apiKey: "sandbox-key" }),
    marketplace: ebay({
      ...ebaySandboxCredentials,
      baseUrl: "https://api.ebay.dlq.test",
      locations: { WH: "WH", BER: "BER" },
    }),
  },
  flows: {
    "erp-stock": { from: "erp", stream: "stock" },
    "ebay-stock": {
      to: "marketplace",
      sink: "inventory",
      filter: (level) => "locationCode" in level && (level.locationCode === "WH" || level.locationCode === "BER"),
    },
  },
})

describe("eBay through the sync engine", () => {
  it("puts stock eBay rejects in the DLQ with eBay's message and writes the rest", async () => {
    const app = await Effect.runPromise(
      buildApp(config as unknown as EslConfig, { mappings: defaultMappings, environment: {} }),
    )
    const state = tempStateFile()
    const store = openSqliteStateStore(state.file)
    const exec = <A, E>(effect: Effect.Effect<A, E, StateStore>) =>
      Effect.runPromise(
        effect.pipe(Effect.provide(Layer.succeed(StateStore, store)), Logger.withMinimumLogLevel(LogLevel.None)),
      )
    try {
      const results = await exec(runFlows(app.flows, {}))
      const stock = results.find((r) => r.flow === "ebay-stock")
      expect(stock?.counts.created).toBeGreaterThan(0)
      expect(stock?.counts.failed).toBeGreaterThan(0)
      const letters = await exec(store.listDeadLetters({ flow: "ebay-stock" }))
      expect(letters).toHaveLength(stock?.counts.failed ?? -1)
      expect(letters[0]?.reason).toMatch(/eBay error 25702: SKU ALP-[A-Z0-9-]+ is not available in the system/)
      expect(sandbox.state.items.get("ALP-BOTTLE-075")?.availability?.shipToLocationAvailability?.quantity).toBe(193)
    } finally {
      Effect.runSync(Effect.ignore(store.close()))
      state.remove()
    }
  })
})

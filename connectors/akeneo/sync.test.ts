/**
 * The connector inside the sync engine: Akeneo products into the hub, and the ERP-owned fields
 * back out through the PATCH list; a product Akeneo refuses lands in the dead-letter queue with
 * Akeneo's message and the attribute's path, and the run goes on.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Logger, LogLevel } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { defineConfig } from "../../core/config/index.ts"
import { buildApp } from "../../core/runtime/app.ts"
import { openSqliteStateStore, StateStore, type StateStoreShape } from "../../core/state/index.ts"
import { runFlows } from "../../core/sync/index.ts"
import { akeneoMappings } from "../../mappings/akeneo/index.ts"
import { akeneo } from "./index.ts"
import { demoPim, useAkeneoSandbox } from "./testing.ts"

const config = defineConfig({
  systems: {
    pim: akeneo(demoPim),
    // The same PIM, written through a connection whose GTIN attribute code the PIM does not have.
    misconfigured: akeneo({ ...demoPim, attributes: { gtin: "gtin13" } }),
  },
  ownership: { product: { "*": "pim" } },
  flows: {
    "pim-products": { from: "pim", stream: "products" },
    "pim-erp-fields": { to: "pim", sink: "products" },
    "misconfigured-erp-fields": { to: "misconfigured", sink: "products" },
  },
})

describe("Akeneo in the sync engine", () => {
  const { sandbox } = useAkeneoSandbox({ rateLimits: false })
  let dir: string
  let store: StateStoreShape

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "esl-akeneo-"))
    store = openSqliteStateStore(join(dir, "state.db"))
  })
  afterEach(() => {
    Effect.runSync(Effect.ignore(store.close()))
    rmSync(dir, { recursive: true, force: true })
  })

  const exec = <A, E>(effect: Effect.Effect<A, E, StateStore>) =>
    Effect.runPromise(
      effect.pipe(Effect.provide(Layer.succeed(StateStore, store)), Logger.withMinimumLogLevel(LogLevel.None)),
    )

  it("reads five products, writes them back per SKU, and dead-letters what Akeneo refuses", async () => {
    const app = await Effect.runPromise(buildApp(config, { mappings: { akeneo: akeneoMappings }, environment: {} }))
    const [inbound, back, refused] = await exec(runFlows(app.flows))
    expect(inbound?.counts).toMatchObject({ read: 5, created: 5, failed: 0 })
    expect(back?.counts).toMatchObject({ failed: 0 })
    expect((back?.counts.created ?? 0) + (back?.counts.updated ?? 0)).toBe(5)
    expect(sandbox.state.requests.filter((r) => r.method === "PATCH").length).toBeGreaterThan(0)

    expect(refused?.counts.failed).toBe(5)
    const letters = await exec(store.listDeadLetters({ flow: "misconfigured-erp-fields" }))
    expect(letters).toHaveLength(5)
    const tee = letters.find((l) => l.recordKey === "ALP-TEE")
    expect(tee?.reason).toContain("The gtin13 attribute does not exist in your PIM.")
    expect(tee?.path).toBe("$.lines[0].values.gtin13")
  })
})

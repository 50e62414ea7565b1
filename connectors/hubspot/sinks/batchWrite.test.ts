import { delay, http } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { hubspotSandbox } from "../sandbox/index.ts"
import { BASE_URL, run, systemFor } from "../testing.ts"
import { BATCHES_IN_FLIGHT, upsertAll } from "./batchWrite.ts"

const sandbox = hubspotSandbox({ seed: false, rateLimits: false })
const inFlight = { now: 0, most: 0, calls: 0 }
// Holds each upsert a moment before the sandbox answers it, to see how many are open at once.
const watch = http.post(`${BASE_URL}/crm/v3/objects/:objectType/batch/upsert`, async () => {
  inFlight.calls += 1
  inFlight.now += 1
  inFlight.most = Math.max(inFlight.most, inFlight.now)
  await delay(20)
  inFlight.now -= 1
  return undefined
})
const server = setupServer(watch, ...sandbox.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => {
  sandbox.reset()
  Object.assign(inFlight, { now: 0, most: 0, calls: 0 })
})
afterAll(() => server.close())

describe("hubspot batch writes", () => {
  it("keeps several upserts of one write in flight, and answers every input in order", async () => {
    const system = await systemFor()
    const inputs = Array.from({ length: 1_000 }, (_, i) => ({
      key: `k${i}`,
      id: `TS-${i}`,
      properties: { name: `Trail Shell ${i}`, price: "129.00" },
    }))
    const written = await run(upsertAll(system.context, "products", "hs_sku", inputs))
    expect(inFlight.calls).toBe(10)
    expect(inFlight.most).toBe(BATCHES_IN_FLIGHT)
    expect([...written.keys()]).toEqual(inputs.map((i) => i.key))
    expect([...written.values()].every((w) => w.ok && w.created)).toBe(true)
    expect(sandbox.state.objects.products?.size).toBe(1_000)
  })
})

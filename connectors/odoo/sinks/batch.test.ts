import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooClient } from "../client.ts"
import { odooSandbox } from "../sandbox/index.ts"
import { PROTOCOLS, run, systemFor } from "../testing.ts"
import { callOnAll, createAll } from "./batch.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

describe.each(PROTOCOLS)("batched writes over %s", (protocol) => {
  it("creates a batch in one call, and when Odoo refuses it, record by record so only the refused one fails", async () => {
    const system = await systemFor(protocol)
    const target = { client: odooClient(system.context), system: "erp", entity: "order" }
    const good = await run(
      createAll(target, "sale.order", [
        { key: "a", vals: { partner_id: 20 } },
        { key: "b", vals: { partner_id: 21 } },
      ]),
    )
    expect(good.map((w) => w.ok)).toEqual([true, true])
    const mixed = await run(
      createAll(target, "sale.order", [
        { key: "c", vals: { partner_id: 22 } },
        { key: "d", vals: { client_order_ref: "no customer" } },
        { key: "e", vals: { partner_id: 24 } },
      ]),
    )
    expect(mixed.map((w) => [w.key, w.ok])).toEqual([
      ["c", true],
      ["d", false],
      ["e", true],
    ])
    const refused = mixed[1]
    if (refused?.ok !== false) throw new Error("expected a rejection")
    expect(refused.error.reason).toContain("- Create/update: a mandatory field is not set.")
    expect(refused.error.reason).toContain("Field: Customer (partner_id)")
  })

  it("calls a record method on all records at once, falling back to one by one on a refusal", async () => {
    const system = await systemFor(protocol)
    const target = { client: odooClient(system.context), system: "erp", entity: "order" }
    const confirmed = await run(
      callOnAll(target, "sale.order", "action_confirm", [
        { key: "S00042", id: 2 },
        { key: "S00041", id: 1 },
      ]),
    )
    expect(confirmed.map((w) => [w.key, w.ok])).toEqual([
      ["S00042", true],
      ["S00041", false],
    ])
    expect(sandbox.state.orm.get("sale.order", 2)?.state).toBe("sale")
  })
})

import { Effect } from "effect"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { instantiateSystem } from "../../core/connector/instantiate.ts"
import { odoo, odooConnector, odooSandbox } from "./index.ts"
import { SANDBOX_API_KEY, SANDBOX_DATABASE, SANDBOX_LOGIN } from "./sandbox/index.ts"
import { BASE_URL, configFor, PROTOCOLS, run, runFailure, systemFor } from "./testing.ts"

const sandbox = odooSandbox({ rateLimits: false, apiKeys: [SANDBOX_API_KEY] })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe("odoo check", () => {
  it("reports the server version, database and user over JSON-2", async () => {
    const system = await run(instantiateSystem("erp", odoo({ baseUrl: BASE_URL, apiKey: "test-key" }), {}))
    const result = await run(odooConnector.check(system.context))
    expect(result).toEqual({ ok: true, detail: "Odoo 19.0, database (chosen by host name), user id 2 (json2)" })
  })

  it("reports the server version, database and user over /jsonrpc", async () => {
    const system = await systemFor("jsonrpc")
    const result = await run(odooConnector.check(system.context))
    expect(result.detail).toBe(`Odoo 19.0, database ${SANDBOX_DATABASE}, user id 2 (jsonrpc)`)
  })

  it.each(PROTOCOLS)("fails with AuthError on a wrong API key (%s), without showing the key", async (protocol) => {
    const system = await systemFor(protocol, { apiKey: "revoked-key-4711" })
    const error = await runFailure(odooConnector.check(system.context))
    expect(error._tag).toBe("AuthError")
    expect(error.message).not.toContain("revoked-key-4711")
    if (protocol === "json2") expect(error).toMatchObject({ status: 401 })
  })
})

describe("odoo config", () => {
  it("needs the login and database for /jsonrpc, and says where", async () => {
    const missingLogin = await runFailure(
      instantiateSystem(
        "erp",
        odoo({ baseUrl: BASE_URL, apiKey: "k", protocol: "jsonrpc", database: SANDBOX_DATABASE }),
        {},
      ),
    )
    expect(missingLogin).toMatchObject({ _tag: "ConfigError", path: "systems.erp.username" })
    const missingDatabase = await runFailure(
      instantiateSystem(
        "erp",
        odoo({ baseUrl: BASE_URL, apiKey: "k", protocol: "jsonrpc", username: SANDBOX_LOGIN }),
        {},
      ),
    )
    expect(missingDatabase).toMatchObject({ _tag: "ConfigError", path: "systems.erp.database" })
  })

  it("fills the defaults and keeps the key redacted", async () => {
    const system = await run(instantiateSystem("erp", odoo(configFor("json2")), {}))
    expect(system.defaults).toEqual({ locale: "en", currency: "EUR", channel: "odoo", priceList: "default" })
    expect(system.config).toMatchObject({ protocol: "json2", pageSize: 200, rateLimit: 10 })
    expect(system.config.pricesIncludeTax).toBeUndefined()
    expect(String(system.config.apiKey)).not.toContain("test-key")
  })

  it("sends the database as X-Odoo-Database and the locale as context lang", async () => {
    const seen: Array<{ database: string | null; lang: unknown }> = []
    server.events.on("request:start", async ({ request }) => {
      if (!request.url.includes("/json/2/")) return
      const body = JSON.parse(await request.clone().text())
      seen.push({ database: request.headers.get("x-odoo-database"), lang: body.context?.lang })
    })
    const system = await systemFor("json2", { database: SANDBOX_DATABASE, locale: "de-DE" })
    await run(odooConnector.check(system.context))
    server.events.removeAllListeners()
    expect(seen).toEqual([{ database: SANDBOX_DATABASE, lang: "de_DE" }])
  })
})

describe("odoo rate limits", () => {
  it("waits out the 429s Odoo Online answers bursts with, honouring Retry-After", async () => {
    const limited = odooSandbox()
    server.use(...limited.handlers)
    let throttled = 0
    server.events.on("response:mocked", ({ response }) => {
      if (response.status === 429) throttled += 1
    })
    const system = await systemFor("json2")
    const counts = await run(
      Effect.forEach(
        Array.from({ length: 30 }, (_, i) => i),
        () =>
          system.context.http.request({
            method: "POST",
            path: "json/2/res.partner/search_count",
            body: { domain: [] },
            idempotent: true,
          }),
        { concurrency: 30 },
      ),
    )
    server.events.removeAllListeners()
    expect(throttled).toBeGreaterThan(0)
    expect(new Set(counts.map((r) => r.body))).toEqual(new Set([12]))
  })
})

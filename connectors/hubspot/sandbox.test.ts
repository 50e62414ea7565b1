import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { hubspotSandbox, SANDBOX_TOKEN } from "./sandbox/index.ts"

const sandbox = hubspotSandbox({ requestsPerTenSeconds: 5, accessTokens: [SANDBOX_TOKEN] })
const server = setupServer(...sandbox.handlers)
const BASE = "https://api.hubapi.test"

const call = (method: string, path: string, body?: unknown, token = SANDBOX_TOKEN) =>
  fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => sandbox.reset())
afterAll(() => server.close())

describe("hubspot sandbox", () => {
  it("answers 401 in HubSpot's shape without a valid token", async () => {
    const response = await call("GET", "/crm/v3/objects/contacts", undefined, "pat-wrong")
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ status: "error", category: "INVALID_AUTHENTICATION" })
  })

  it("answers 429 with HubSpot's body and headers once the 10-second window is full", async () => {
    const statuses: Array<number> = []
    for (let i = 0; i < 6; i++) statuses.push((await call("GET", "/crm/v3/objects/contacts?limit=1")).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
    const response = await call("GET", "/crm/v3/objects/contacts?limit=1")
    expect(response.headers.get("x-hubspot-ratelimit-max")).toBe("5")
    expect(response.headers.get("x-hubspot-ratelimit-remaining")).toBe("0")
    expect(response.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000")
    expect(await response.json()).toMatchObject({
      status: "error",
      message: "You have reached your ten_secondly_rolling limit.",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      category: "RATE_LIMITS",
    })
    expect(sandbox.state.throttled).toBe(2)
  })

  it("refuses a batch of more than 100 inputs", async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      id: `p${i}@example.de`,
      idProperty: "email",
      properties: {},
    }))
    const response = await call("POST", "/crm/v3/objects/contacts/batch/upsert", { inputs })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      category: "VALIDATION_ERROR",
      message: expect.stringContaining("100"),
    })
  })

  it("refuses an unknown property with PROPERTY_DOESNT_EXIST and writes nothing", async () => {
    const response = await call("POST", "/crm/v3/objects/contacts/batch/create", {
      inputs: [{ properties: { email: "neu@example.de", lieblingsfarbe: "grün" } }],
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { category: string; message: string }
    expect(body.category).toBe("VALIDATION_ERROR")
    expect(body.message).toContain("PROPERTY_DOESNT_EXIST")
    expect(body.message).toContain('Property \\"lieblingsfarbe\\" does not exist')
    expect(sandbox.state.objects.contacts?.size).toBe(5)
  })

  it("refuses a second contact with a known e-mail as a CONFLICT naming the existing one", async () => {
    const response = await call("POST", "/crm/v3/objects/contacts/batch/create", {
      inputs: [{ properties: { email: "Lena.Schneider@example.de", firstname: "Lena" } }],
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toMatchObject({
      category: "CONFLICT",
      message: "Contact already exists. Existing ID: 502",
    })
  })

  it("pages a search with `after` and stops a query at its result cap", async () => {
    const capped = hubspotSandbox({ searchResultLimit: 3, rateLimits: false })
    const local = setupServer(...capped.handlers)
    server.close()
    local.listen({ onUnhandledRequest: "error" })
    try {
      const search = (after?: string) =>
        call("POST", "/crm/v3/objects/contacts/search", {
          filterGroups: [],
          sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" }],
          properties: ["email"],
          limit: 2,
          ...(after === undefined ? {} : { after }),
        })
      const first = (await (await search()).json()) as {
        total: number
        results: Array<{ id: string }>
        paging: { next: { after: string } }
      }
      expect(first.total).toBe(5)
      expect(first.results.map((r) => r.id)).toEqual(["501", "502"])
      const second = (await (await search(first.paging.next.after)).json()) as {
        results: Array<{ id: string }>
        paging: { next: { after: string } }
      }
      expect(second.results.map((r) => r.id)).toEqual(["503"])
      const past = await search(second.paging.next.after)
      expect(past.status).toBe(400)
    } finally {
      local.close()
      server.listen({ onUnhandledRequest: "error" })
    }
  })
})

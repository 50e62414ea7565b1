import { describe, expect, it } from "vitest"
import { useEbaySandbox } from "../testing.ts"
import { ebaySandboxCredentials } from "./index.ts"

const { sandbox } = useEbaySandbox()
const origin = "https://api.ebay.com"

const token = async () => {
  const basic = Buffer.from(`${ebaySandboxCredentials.clientId}:${ebaySandboxCredentials.clientSecret}`).toString(
    "base64",
  )
  const answer = await fetch(`${origin}/identity/v1/oauth2/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: ebaySandboxCredentials.refreshToken }),
  })
  return ((await answer.json()) as { access_token: string }).access_token
}

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const bearer = await token()
  const answer = await fetch(`${origin}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${bearer}`,
      "Content-Type": "application/json",
      "Content-Language": "de-DE",
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return {
    status: answer.status,
    body: (await answer.json().catch(() => null)) as {
      errors?: Array<{ errorId: number; message: string }>
      responses?: Array<Record<string, unknown>>
    },
  }
}

describe("eBay sandbox", () => {
  it("answers 401 with eBay's error without a valid access token", async () => {
    const answer = await fetch(`${origin}/sell/fulfillment/v1/order`, { headers: { Authorization: "Bearer nope" } })
    expect(answer.status).toBe(401)
    expect(((await answer.json()) as { errors: Array<{ errorId: number }> }).errors[0]?.errorId).toBe(1001)
  })

  it("refuses a bad getOrders filter, date and limit with eBay's error ids", async () => {
    expect(
      (await call("GET", "/sell/fulfillment/v1/order?filter=modifieddate:%5B2026-01-01T00:00:00.000Z..%5D")).body
        .errors?.[0],
    ).toMatchObject({
      errorId: 30700,
      message: "Invalid filter name: modifieddate",
    })
    expect(
      (await call("GET", "/sell/fulfillment/v1/order?filter=lastmodifieddate:%5B2026-01-01..%5D")).body.errors?.[0]
        ?.errorId,
    ).toBe(30810)
    expect(
      (await call("GET", "/sell/fulfillment/v1/order?filter=lastmodifieddate:%5B..%5D")).body.errors?.[0]?.errorId,
    ).toBe(30820)
    const tooMany = await call("GET", "/sell/fulfillment/v1/order?limit=201")
    expect([tooMany.status, tooMany.body.errors?.[0]?.errorId]).toEqual([400, 31100])
  })

  it("pages getOrders with limit/offset and next", async () => {
    const first = await call(
      "GET",
      "/sell/fulfillment/v1/order?limit=3&filter=lastmodifieddate:%5B2026-01-01T00:00:00.000Z..%5D",
    )
    expect(first.body).toMatchObject({ total: 4, limit: 3, offset: 0, next: expect.stringContaining("offset=3") })
  })

  it("refuses more than 25 requests in a bulk call", async () => {
    const requests = Array.from({ length: 26 }, (_, i) => ({ sku: `SKU-${i}` }))
    const get = await call("POST", "/sell/inventory/v1/bulk_get_inventory_item", { requests })
    expect([get.status, get.body.errors?.[0]?.errorId]).toEqual([400, 25727])
    const prices = await call("POST", "/sell/inventory/v1/bulk_update_price_quantity", {
      requests: requests.map((r) => ({ ...r, shipToLocationAvailability: { quantity: 1 } })),
    })
    expect([prices.status, prices.body.errors?.[0]?.errorId]).toEqual([400, 25709])
  })

  it("requires Content-Language on calls that carry texts", async () => {
    const answer = await call(
      "POST",
      "/sell/inventory/v1/bulk_create_offer",
      { requests: [] },
      { "Content-Language": "" },
    )
    expect(answer.body.errors?.[0]?.message).toContain("Content-Language")
  })

  it("rejects unknown fields and refuses to publish an offer without price, category, policies and location", async () => {
    const created = await call("POST", "/sell/inventory/v1/bulk_create_or_replace_inventory_item", {
      requests: [{ sku: "ALP-BEANIE", locale: "de_DE", condition: "NEW", colour: "blue" }],
    })
    expect([created.status, created.body.responses?.[0]?.statusCode]).toEqual([207, 400])
    const publish = await call("POST", "/sell/inventory/v1/bulk_publish_offer", {
      requests: [{ offerId: "9000000102" }],
    })
    expect(publish.status).toBe(207)
    const errors = (publish.body.responses?.[0]?.errors ?? []) as Array<{ errorId: number }>
    expect(errors.map((e) => e.errorId)).toEqual(expect.arrayContaining([25003, 25004, 25005, 25007, 25012]))
  })

  it("restores the seed on reset", async () => {
    sandbox.state.orders.clear()
    sandbox.reset()
    expect(sandbox.state.orders.size).toBe(4)
    expect(sandbox.state.offers.get("9000000101")?.status).toBe("PUBLISHED")
  })
})

import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { SEED_IDS } from "../fixtures/seed.ts"
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, shopwareSandbox } from "./index.ts"

const base = "https://sandbox.shopware.test"
const sandbox = shopwareSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => sandbox.reset())
afterAll(() => server.close())

const token = async (): Promise<string> => {
  const answer = await fetch(`${base}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: SANDBOX_CLIENT_ID,
      client_secret: SANDBOX_CLIENT_SECRET,
    }),
  })
  const body = (await answer.json()) as { access_token: string; expires_in: number; token_type: string }
  expect([body.token_type, body.expires_in]).toEqual(["Bearer", 600])
  return body.access_token
}

const post = async (path: string, body: unknown, bearer?: string) => {
  const answer = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify(body),
  })
  return {
    status: answer.status,
    body: answer.status === 204 ? null : ((await answer.json()) as Record<string, unknown>),
  }
}

describe("Shopware sandbox", () => {
  it("answers 401 with League OAuth's error without a valid token", async () => {
    const answer = await post("/api/search/order", {})
    expect(answer).toEqual({
      status: 401,
      body: { errors: [expect.objectContaining({ status: "401", code: "9", title: "Unauthorized" })] },
    })
  })

  it("lists every required field a new product lacks, each with its pointer, and writes nothing", async () => {
    const bearer = await token()
    const answer = await post(
      "/api/_action/sync",
      {
        "write-product": {
          entity: "product",
          action: "upsert",
          payload: [{ id: "0123456789abcdef0123456789abcdef", productNumber: "ALP-X" }],
        },
      },
      bearer,
    )
    expect(answer.status).toBe(400)
    const errors = answer.body?.errors as Array<{ detail: string; source: { pointer: string } }>
    expect(errors.map((e) => [e.source.pointer, e.detail])).toEqual([
      ["/write-product/0/taxId", "This value should not be blank."],
      ["/write-product/0/price", "This value should not be blank."],
      ["/write-product/0/stock", "This value should not be blank."],
      ["/write-product/0/name", "This value should not be blank."],
    ])
    expect(sandbox.state.table("product").size).toBe(0)
  })

  it("rejects a price without gross/net/linked and a string stock with type violations", async () => {
    const bearer = await token()
    const answer = await post(
      "/api/_action/sync",
      {
        "write-product": {
          entity: "product",
          action: "upsert",
          payload: [
            {
              id: "0123456789abcdef0123456789abcdef",
              productNumber: "ALP-X",
              name: "X",
              taxId: SEED_IDS.tax19,
              stock: "12",
              price: [{ currencyId: SEED_IDS.currencyEur, gross: "19.99" }],
            },
          ],
        },
      },
      bearer,
    )
    const errors = answer.body?.errors as Array<{ detail: string; source: { pointer: string } }>
    expect(errors.map((e) => [e.source.pointer, e.detail])).toEqual([
      ["/write-product/0/stock", "This value should be of type int."],
      ["/write-product/0/price/0/gross", "This value should be of type numeric."],
      ["/write-product/0/price/0/net", "This value should be of type numeric."],
      ["/write-product/0/price/0/linked", "This value should be of type bool."],
    ])
  })

  it("searches with Criteria: filters, sort and page", async () => {
    const bearer = await token()
    const answer = await post(
      "/api/search/order",
      {
        filter: [{ type: "equalsAny", field: "orderNumber", value: ["10001", "10003"] }],
        sort: [{ field: "orderNumber", order: "DESC" }],
        limit: 1,
        page: 2,
        "total-count-mode": "exact",
      },
      bearer,
    )
    expect(answer.body?.total).toBe(2)
    const data = (answer.body?.data ?? []) as Array<{ orderNumber: string }>
    expect(data.map((o) => o.orderNumber)).toEqual(["10001"])
  })

  it("refuses an impossible delivery transition with the possible ones", async () => {
    const bearer = await token()
    const delivery = "d39a4b5c6d7e4f8a1b2c3d4e5f6a7b8c"
    expect((await post(`/api/_action/order_delivery/${delivery}/state/ship`, {}, bearer)).status).toBe(200)
    const again = await post(`/api/_action/order_delivery/${delivery}/state/ship`, {}, bearer)
    expect(again.status).toBe(400)
    expect(again.body?.errors).toEqual([
      expect.objectContaining({
        detail: 'Illegal transition "ship" from state "shipped". Possible transitions are: retour, retour_partially',
      }),
    ])
  })
})

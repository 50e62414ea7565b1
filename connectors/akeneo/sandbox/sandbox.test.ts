import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { akeneoSandbox, SANDBOX_CLIENT } from "./index.ts"

const ORIGIN = "https://pim.sandbox.test"
const sandbox = akeneoSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
afterEach(() => sandbox.reset())
afterAll(() => server.close())

const token = async (): Promise<string> => {
  const basic = Buffer.from(`${SANDBOX_CLIENT.clientId}:${SANDBOX_CLIENT.secret}`).toString("base64")
  const response = await fetch(`${ORIGIN}/api/oauth/v1/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "password",
      username: SANDBOX_CLIENT.username,
      password: SANDBOX_CLIENT.password,
    }),
  })
  const body = (await response.json()) as { access_token: string; expires_in: number; refresh_token: string }
  expect(body.expires_in).toBe(3600)
  expect(body.refresh_token.length).toBeGreaterThan(0)
  return body.access_token
}

const get = async (path: string, query: Record<string, string> = {}) => {
  const url = new URL(`${ORIGIN}/api/rest/v1/${path}`)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  const response = await fetch(url, { headers: { Authorization: `Bearer ${await token()}` } })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const patch = async (body: string, contentType = "application/vnd.akeneo.collection+json") =>
  fetch(`${ORIGIN}/api/rest/v1/products`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${await token()}`, "Content-Type": contentType },
    body,
  })

describe("Akeneo sandbox behaves like the PIM", () => {
  it("answers 401 with Akeneo's body without a token, and with an unknown one", async () => {
    const none = await fetch(`${ORIGIN}/api/rest/v1/products`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ code: 401, message: "Authentication is required" })
    const bad = await fetch(`${ORIGIN}/api/rest/v1/products`, { headers: { Authorization: "Bearer nope" } })
    expect(await bad.json()).toEqual({ code: 401, message: "The access token provided is invalid." })
  })

  it("refuses a wrong client secret with 422 and Akeneo's message", async () => {
    const response = await fetch(`${ORIGIN}/api/oauth/v1/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from("1_esl-sandbox:wrong").toString("base64")}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ grant_type: "password", username: "u", password: "p" }),
    })
    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      code: 422,
      message: 'Parameter "client_id" is missing or does not match any client, or secret is invalid',
    })
  })

  it("pages with search_after: _links.next carries the cursor until the last page", async () => {
    const first = await get("products", { pagination_type: "search_after", limit: "4" })
    const items = (first.body._embedded as { items: Array<{ identifier: string }> }).items
    expect(items.map((i) => i.identifier)).toEqual(["ALP-BEANIE", "ALP-BOTTLE-075", "ALP-HOOD-L-NVY", "ALP-HOOD-M-NVY"])
    const next = (first.body._links as { next: { href: string } }).next.href
    expect(new URL(next).searchParams.get("search_after")).toBe("ALP-HOOD-M-NVY")
    const nextUrl = new URL(next)
    const second = await get("products", Object.fromEntries(nextUrl.searchParams))
    expect((second.body._embedded as { items: unknown[] }).items).toHaveLength(4)
    const third = await get(
      "products",
      Object.fromEntries(new URL((second.body._links as { next: { href: string } }).next.href).searchParams),
    )
    expect((third.body._embedded as { items: unknown[] }).items).toHaveLength(3)
    expect((third.body._links as { next?: unknown }).next).toBeUndefined()
  })

  it("refuses a limit over 100 and an unsupported filter with 422, bad search JSON with 400", async () => {
    expect(await get("products", { limit: "101" })).toEqual({
      status: 422,
      body: { code: 422, message: "You cannot request more than 100 items." },
    })
    expect(await get("products", { search: '{"colour":[{"operator":"=","value":"x"}]}' })).toEqual({
      status: 422,
      body: { code: 422, message: 'Filter on property "colour" is not supported or does not support operator "="' },
    })
    expect((await get("products", { search: "{updated" })).status).toBe(400)
    expect((await get("products", { search: '{"updated":[{"operator":">","value":"yesterday"}]}' })).body.message).toBe(
      'Property "updated" expects a string with the format "yyyy-mm-dd H:i:s" as data, "yesterday" given.',
    )
  })

  it("filters on updated, parent and identifier", async () => {
    const updated = await get("products", { search: '{"updated":[{"operator":">","value":"2026-10-07 00:00:00"}]}' })
    expect((updated.body._embedded as { items: Array<{ identifier: string }> }).items.map((i) => i.identifier)).toEqual(
      ["ALP-BEANIE", "ALP-TEE-M-WHT"],
    )
    const children = await get("products", {
      search: '{"parent":[{"operator":"IN","value":["ALP-TRAIL"]}]}',
      limit: "100",
    })
    expect((children.body._embedded as { items: unknown[] }).items).toHaveLength(3)
  })

  it("returns a variant's values with those inherited from its model, option labels on request", async () => {
    const { body } = await get("products/ALP-TEE-M-WHT", { with_attribute_options: "true", scope: "ecommerce" })
    const values = body.values as Record<string, Array<Record<string, unknown>>>
    expect(values.name?.map((v) => v.data)).toEqual(["Bio-Baumwoll-T-Shirt", "Organic Cotton T-Shirt"])
    expect(values.color?.[0]?.linked_data).toEqual({
      attribute: "color",
      code: "white",
      labels: { en_US: "White", de_DE: "Weiß" },
    })
    expect(JSON.stringify(values.variant_image?.[0]?._links)).toMatch(
      /"href":"https:\/\/pim\.sandbox\.test\/api\/rest\/v1\/media-files\/8\/c\/2\/d\/.+\/download"/,
    )
  })

  it("serves media files and their binaries behind the token", async () => {
    const code = "3/f/a/9/3fa97c2e5b1d4e0c9a7b6d5e4f3a2b1c0d9e8f7a_alp_tee_black_front.jpg"
    const file = await get(`media-files/${code}`)
    expect(file.body).toMatchObject({ code, original_filename: "alp-tee-black-front.jpg", mime_type: "image/jpeg" })
    const download = await fetch(`${ORIGIN}/api/rest/v1/media-files/${code}/download`, {
      headers: { Authorization: `Bearer ${await token()}` },
    })
    expect(download.status).toBe(200)
    expect(download.headers.get("content-type")).toBe("image/jpeg")
    expect((await fetch(`${ORIGIN}/api/rest/v1/media-files/${code}/download`)).status).toBe(401)
    expect((await get("media-files/0/0/0/0/missing.jpg")).status).toBe(404)
  })

  it("refuses a PATCH list in the wrong content type with 415, over 100 lines with 413", async () => {
    const wrongType = await patch('{"identifier":"ALP-BEANIE"}', "application/json")
    expect(wrongType.status).toBe(415)
    expect(((await wrongType.json()) as { message: string }).message).toContain(
      "Only ‘application/vnd.akeneo.collection+json’ is allowed.",
    )
    const tooMany = await patch(
      Array.from({ length: 101 }, (_, i) => JSON.stringify({ identifier: `X-${i}` })).join("\n"),
    )
    expect(tooMany.status).toBe(413)
    expect(sandbox.state.products.has("X-0")).toBe(false)
  })

  it("answers each PATCH line: 204 updated, 201 created, 422 with Akeneo's message for an unknown property", async () => {
    const response = await patch(
      [
        JSON.stringify({ identifier: "ALP-BEANIE", enabled: false }),
        JSON.stringify({ identifier: "ALP-NEW" }),
        JSON.stringify({ identifier: "ALP-BOTTLE-075", group: ["promotion"] }),
      ].join("\n"),
    )
    expect(response.headers.get("content-type")).toBe("application/vnd.akeneo.collection+json")
    const lines = (await response.text()).split("\n").map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toEqual([
      { line: 1, identifier: "ALP-BEANIE", status_code: 204 },
      { line: 2, identifier: "ALP-NEW", status_code: 201 },
      {
        line: 3,
        identifier: "ALP-BOTTLE-075",
        status_code: 422,
        message: 'Property "group" does not exist. Check the standard format documentation.',
        _links: { documentation: { href: "http://api.akeneo.com/api-reference.html#patch_products__code_" } },
      },
    ])
  })

  it("answers 429 with Retry-After past its request budget", async () => {
    const throttled = akeneoSandbox({ requestsPerSecond: 1 })
    const local = setupServer(...throttled.handlers)
    server.close()
    local.listen({ onUnhandledRequest: "error" })
    try {
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => fetch(`${ORIGIN}/api/rest/v1/system-information`)),
      )
      const refused = responses.filter((r) => r.status === 429)
      expect(refused.length).toBeGreaterThan(0)
      for (const r of refused) {
        expect(r.headers.get("retry-after")).toBe("1")
        expect(await r.json()).toEqual({ code: 429, message: "Too Many Requests" })
      }
    } finally {
      local.close()
      server.listen({ onUnhandledRequest: "error" })
    }
  })
})

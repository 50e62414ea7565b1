import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { readPages, run, shopSystem, useWooSandbox } from "../testing.ts"
import { customersStream } from "./customers.ts"
import { ordersStream } from "./orders.ts"
import { productsStream } from "./products.ts"

const { sandbox } = useWooSandbox()
const state = sandbox.state

describe("orders stream", () => {
  it("pages with page/per_page until X-WP-TotalPages, oldest modification first", async () => {
    const shop = await shopSystem()
    const pages = await readPages(ordersStream, shop, { pageSize: 1 })
    expect(pages.map((page) => page.map((o) => o.number))).toEqual([["1001"], ["1002"], ["1003"], ["1004"]])
    // Four pages of one: the fourth answer says it is the last, so there is no fifth request.
    expect(state.requests).toEqual(
      [1, 2, 3, 4].map((page) => `GET /orders?per_page=1&orderby=modified&order=asc&page=${page}`),
    )
  })

  it("reads incrementally with modified_after in GMT, keeping records that share the cursor's second", async () => {
    const shop = await shopSystem()
    const all = (await readPages(ordersStream, shop)).flat()
    const third = all[2]!
    expect(third.number).toBe("1003")
    // #1003 and #1004 were both modified at 14:00:00; from #1003's position only #1004 is new.
    const since = ordersStream.positionOf(third)
    state.requests.length = 0
    const after = (await readPages(ordersStream, shop, { since })).flat()
    expect(after.map((o) => o.number)).toEqual(["1004"])
    expect(state.requests[0]).toContain("modified_after=2026-03-05T13%3A59%3A59&dates_are_gmt=true")
  })

  it("sees an order the shop changed after the cursor", async () => {
    const shop = await shopSystem()
    const all = (await readPages(ordersStream, shop)).flat()
    const since = ordersStream.positionOf(all[all.length - 1]!)
    const first = state.orders.get(4711)!
    state.orders.set(4711, { ...first, status: "completed", date_modified_gmt: "2026-03-07T08:00:00" })
    const after = (await readPages(ordersStream, shop, { since })).flat()
    expect(after.map((o) => [o.number, o.status])).toEqual([["1001", "completed"]])
  })

  it("reads orders by id for webhooks", async () => {
    const shop = await shopSystem()
    const orders = await run(ordersStream.readByIds!(shop.context, ["4712", "4714"]))
    expect(orders.map((o) => o.number).sort()).toEqual(["1002", "1004"])
  })
})

describe("customers stream", () => {
  it("lists every customer in id order (no modified filter exists for customers)", async () => {
    const shop = await shopSystem()
    expect(customersStream.incremental).toBe(false)
    const customers = (await readPages(customersStream, shop, { pageSize: 3 })).flat()
    expect(customers.map((c) => c.email)).toEqual([
      "lena.hoffmann@example.de",
      "jonas.weber@example.de",
      "sophie.keller@example.ch",
      "markus.gruber@example.at",
    ])
  })
})

describe("the sandbox validates like WooCommerce", () => {
  it("answers rest_invalid_param for a per_page above 100", async () => {
    const shop = await shopSystem()
    const error = await run(
      Effect.flip(shop.context.http.request({ method: "GET", path: "orders", query: { per_page: 101 } })),
    )
    expect(error._tag).toBe("HttpStatusError")
    if (error._tag === "HttpStatusError") {
      expect(error.status).toBe(400)
      expect(error.body).toEqual({
        code: "rest_invalid_param",
        message: "Invalid parameter(s): per_page",
        data: { status: 400, params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" } },
      })
    }
  })

  it("refuses to filter customers by modification date, which WooCommerce does not offer", async () => {
    const shop = await shopSystem()
    const error = await run(
      Effect.flip(
        shop.context.http.request({
          method: "GET",
          path: "customers",
          query: { modified_after: "2026-01-01T00:00:00" },
        }),
      ),
    )
    expect(error.message).toContain("rest_invalid_param")
  })

  it("answers rest_invalid_param for an orderby customers do not have and for an undeclared parameter", async () => {
    const shop = await shopSystem()
    const error = await run(
      Effect.flip(
        shop.context.http.request({ method: "GET", path: "customers", query: { orderby: "modified", per_pag: 5 } }),
      ),
    )
    expect(error._tag === "HttpStatusError" && error.body).toEqual({
      code: "rest_invalid_param",
      message: "Invalid parameter(s): orderby, per_pag",
      data: {
        status: 400,
        params: {
          orderby: "orderby is not one of id, include, name, and registered_date.",
          per_pag: "per_pag is not a parameter of this route.",
        },
      },
    })
  })

  it("answers 401 woocommerce_rest_cannot_view without credentials", async () => {
    const response = await fetch("https://shop.alpenglow-outfitters.de/wp-json/wc/v3/orders")
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      code: "woocommerce_rest_cannot_view",
      message: "Sorry, you cannot list resources.",
      data: { status: 401 },
    })
  })

  it("answers 401 woocommerce_rest_authentication_error for a wrong key", async () => {
    const shop = await shopSystem({ consumerKey: "wrong", consumerSecret: "cs_x" })
    const error = await run(Effect.flip(shop.connector.check(shop.context)))
    expect(error._tag).toBe("AuthError")
    expect(error.message).toContain("Consumer key is invalid.")
    expect(error.message).not.toContain("cs_x")
  })
})

describe("products stream", () => {
  it("yields each product with its variations and its categories as paths", async () => {
    const shop = await shopSystem()
    const products = (await readPages(productsStream, shop)).flat()
    expect(products.map((p) => [p.sku, p.type, p.variation_records.map((v) => v.sku), p.category_paths])).toEqual([
      ["ALP-TEE", "variable", ["ALP-TEE-S-BLK", "ALP-TEE-M-BLK"], ["Bekleidung"]],
      ["ALP-BOTTLE-075", "simple", [], []],
    ])
  })

  it("sees a product again after its variations were written (WooCommerce syncs the parent)", async () => {
    const shop = await shopSystem()
    const all = (await readPages(productsStream, shop)).flat()
    const since = productsStream.positionOf(all[all.length - 1]!)
    expect((await readPages(productsStream, shop, { since })).flat()).toEqual([])
    await run(
      shop.context.http.request({
        method: "POST",
        path: "products/20/variations/batch",
        body: { update: [{ id: 21, regular_price: "27.95" }] },
      }),
    )
    const changed = (await readPages(productsStream, shop, { since })).flat()
    expect(changed.map((p) => p.sku)).toEqual(["ALP-TEE"])
  })
})

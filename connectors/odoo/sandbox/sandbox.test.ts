import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooSandbox, SANDBOX_API_KEY, SANDBOX_DATABASE, SANDBOX_LOGIN } from "./index.ts"

const sandbox = odooSandbox({ rateLimits: false, apiKeys: [SANDBOX_API_KEY] })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const json2 = async (model: string, method: string, body: unknown, key: string | null = SANDBOX_API_KEY) => {
  const response = await fetch(`https://odoo.test/json/2/${model}/${method}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key === null ? {} : { Authorization: `bearer ${key}` }) },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: JSON.parse(await response.text()) }
}

const jsonrpc = async (service: string, method: string, args: ReadonlyArray<unknown>) => {
  const response = await fetch("https://odoo.test/jsonrpc", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { service, method, args }, id: 7 }),
  })
  return { status: response.status, body: JSON.parse(await response.text()) }
}

const executeKw = (model: string, method: string, args: ReadonlyArray<unknown>, kwargs: object = {}) =>
  jsonrpc("object", "execute_kw", [SANDBOX_DATABASE, 2, SANDBOX_API_KEY, model, method, args, kwargs])

describe("the Odoo sandbox over JSON-2", () => {
  it("answers search_read with the fields asked, many2one as [id, name] and false for empty values", async () => {
    const { status, body } = await json2("product.product", "search_read", {
      domain: [["default_code", "=", "ALP-BOTTLE-075"]],
      fields: ["default_code", "product_tmpl_id", "lst_price", "product_template_attribute_value_ids", "description"],
    })
    expect.soft(status).toBe(500)
    expect.soft(body.name).toBe("builtins.ValueError")
    const ok = await json2("product.product", "search_read", {
      domain: [["default_code", "=", "ALP-BOTTLE-075"]],
      fields: [
        "default_code",
        "product_tmpl_id",
        "lst_price",
        "product_template_attribute_value_ids",
        "barcode",
        "write_date",
      ],
      context: { lang: "en_US" },
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual([
      {
        id: 10,
        default_code: "ALP-BOTTLE-075",
        product_tmpl_id: [4, "Insulated Water Bottle 0.75 l"],
        lst_price: 24.5,
        product_template_attribute_value_ids: [],
        barcode: "4006381400107",
        write_date: "2026-02-12 14:30:00",
      },
    ])
    const empty = await json2("sale.order", "search_read", { domain: [["id", "=", 2]], fields: ["client_order_ref"] })
    expect(empty.body).toEqual([{ id: 2, client_order_ref: false }])
  })

  it("refuses a missing or unknown API key with 401 and Odoo's error body", async () => {
    for (const key of [null, "not-a-key"]) {
      const { status, body } = await json2("res.partner", "search_count", { domain: [] }, key)
      expect(status).toBe(401)
      expect(body).toMatchObject({
        name: "werkzeug.exceptions.Unauthorized",
        message: "401 Unauthorized: Invalid apikey",
        arguments: ["Invalid apikey", 401],
      })
      expect(body.debug).toContain("Traceback")
    }
  })

  it("answers 404 for an unknown model or method and 422 for arguments the method does not take", async () => {
    expect(await json2("sale.orders", "search", { domain: [] })).toMatchObject({
      status: 404,
      body: { name: "werkzeug.exceptions.NotFound", arguments: ["the model 'sale.orders' does not exist", 404] },
    })
    expect(await json2("sale.order", "confirm", {})).toMatchObject({
      status: 404,
      body: { arguments: ["The method 'sale.order.confirm' does not exist", 404] },
    })
    expect(await json2("sale.order", "search", { domain: [], page: 2 })).toMatchObject({
      status: 422,
      body: {
        name: "werkzeug.exceptions.UnprocessableEntity",
        arguments: ["got an unexpected keyword argument 'page'", 422],
      },
    })
    expect(await json2("sale.order", "search", {})).toMatchObject({
      status: 422,
      body: { arguments: ["missing a required argument: 'domain'", 422] },
    })
    expect(await json2("sale.order", "search_read", { ids: [1], domain: [] })).toMatchObject({
      status: 422,
      body: { arguments: ["cannot call sale.order.search_read with ids", 422] },
    })
  })

  it("creates a list of records in one transaction: a ValidationError leaves none of them", async () => {
    const before = (await json2("sale.order", "search_count", { domain: [] })).body
    const { status, body } = await json2("sale.order", "create", {
      vals_list: [
        { partner_id: 20, order_line: [[0, 0, { product_id: 2, product_uom_qty: 1 }]] },
        { client_order_ref: "no customer" },
      ],
    })
    expect(status).toBe(422)
    expect(body.name).toBe("odoo.exceptions.ValidationError")
    expect(body.message).toContain("a mandatory field is not set")
    expect(body.message).toContain("Field: Customer (partner_id)")
    expect((await json2("sale.order", "search_count", { domain: [] })).body).toBe(before)
    expect(sandbox.state.orm.search("sale.order.line", [["product_id", "=", 2]]).length).toBe(1)
  })

  it("refuses a reference to a record that does not exist as Postgres' foreign key does", async () => {
    const { status, body } = await json2("sale.order.line", "create", {
      vals_list: [{ order_id: 2, product_id: 999 }],
    })
    expect(status).toBe(422)
    expect(body.message).toContain("Constraint: sale_order_line_product_id_fkey")
  })

  it("creates one2many children from commands, computes amounts, and stamps write_date on every change", async () => {
    sandbox.state.orm.clock = () => "2026-04-01 09:30:00"
    const [id] = (
      await json2("sale.order", "create", {
        vals_list: [
          {
            partner_id: 24,
            order_line: [
              [0, 0, { product_id: 11, product_uom_qty: 2, tax_ids: [[6, 0, [1]]] }],
              [0, 0, { product_id: 12, price_unit: 4.9, is_delivery: true, tax_ids: [[6, 0, []]] }],
            ],
          },
        ],
      })
    ).body
    const [order] = (
      await json2("sale.order", "read", {
        ids: [id],
        fields: [
          "name",
          "state",
          "amount_untaxed",
          "amount_tax",
          "amount_total",
          "order_line",
          "write_date",
          "partner_shipping_id",
        ],
      })
    ).body
    expect(order).toMatchObject({
      name: "S00044",
      state: "draft",
      amount_untaxed: 38.5,
      amount_tax: 6.38,
      amount_total: 44.88,
      write_date: "2026-04-01 09:30:00",
      partner_shipping_id: [24, "Mia Schulz"],
    })
    expect(order.order_line).toHaveLength(2)
    sandbox.state.orm.clock = () => "2026-04-01 10:00:00"
    await json2("res.partner", "write", { ids: [24], vals: { phone: "+49 40 555 0101" } })
    expect((await json2("res.partner", "read", { ids: [24], fields: ["write_date"] })).body).toEqual([
      { id: 24, write_date: "2026-04-01 10:00:00" },
    ])
  })

  it("confirms quotations, reserving stock of the order's warehouse, and refuses to confirm twice", async () => {
    const quant = () => sandbox.state.orm.read("stock.quant", [13], ["reserved_quantity"])[0]?.reserved_quantity
    expect(quant()).toBe(0)
    expect(await json2("sale.order", "action_confirm", { ids: [2] })).toEqual({ status: 200, body: true })
    expect(sandbox.state.orm.get("sale.order", 2)?.state).toBe("sale")
    expect(quant()).toBe(1)
    expect(await json2("sale.order", "action_confirm", { ids: [2] })).toMatchObject({
      status: 422,
      body: { name: "odoo.exceptions.UserError", message: "Some orders are not in a state requiring confirmation." },
    })
  })

  it("checks VAT numbers as base_vat does", async () => {
    const { status, body } = await json2("res.partner", "create", {
      vals_list: [{ name: "Kletterhalle Nord GmbH", is_company: true, vat: "DE12345", country_id: 1 }],
    })
    expect(status).toBe(422)
    expect(body.message).toContain(
      "The VAT number [DE12345] for partner [Kletterhalle Nord GmbH] does not seem to be valid.",
    )
  })

  it("reports its version at /web/version", async () => {
    const response = await fetch("https://odoo.test/web/version")
    expect(await response.json()).toEqual({ version_info: [19, 0, 0, "final", 0, ""], version: "19.0" })
  })
})

describe("the Odoo sandbox over /jsonrpc", () => {
  it("logs in with the API key as password, and answers false to a wrong one", async () => {
    expect((await jsonrpc("common", "login", [SANDBOX_DATABASE, SANDBOX_LOGIN, SANDBOX_API_KEY])).body.result).toBe(2)
    expect((await jsonrpc("common", "login", [SANDBOX_DATABASE, SANDBOX_LOGIN, "wrong"])).body.result).toBe(false)
    expect((await jsonrpc("common", "version", [])).body.result).toMatchObject({
      server_version: "19.0",
      protocol_version: 1,
    })
  })

  it("runs execute_kw with record ids as the first argument and keyword arguments by name", async () => {
    const read = await executeKw("stock.warehouse", "read", [[2]], { fields: ["code", "lot_stock_id"] })
    expect(read.body.result).toEqual([{ id: 2, code: "BER", lot_stock_id: [18, "BER/Stock"] }])
    const found = await executeKw("res.partner", "search_read", [[["ref", "=", "C-10002"]]], { fields: ["name"] })
    expect(found.body.result).toEqual([{ id: 20, name: "Jonas Weber" }])
  })

  it("answers errors with HTTP 200 and Odoo's error object", async () => {
    const denied = await jsonrpc("object", "execute_kw", [SANDBOX_DATABASE, 2, "wrong", "res.partner", "search", [[]]])
    expect(denied.status).toBe(200)
    expect(denied.body).toMatchObject({
      jsonrpc: "2.0",
      id: 7,
      error: {
        code: 200,
        message: "Odoo Server Error",
        data: { name: "odoo.exceptions.AccessDenied", message: "Access Denied" },
      },
    })
    const invalid = await executeKw("sale.order", "create", [[{ client_order_ref: "x" }]])
    expect(invalid.body.error.data).toMatchObject({ name: "odoo.exceptions.ValidationError" })
    expect(invalid.body.error.data.message).toContain("Field: Customer (partner_id)")
    const unknown = await executeKw("sale.orders", "search", [[]])
    expect(unknown.body.error.data).toMatchObject({
      name: "odoo.exceptions.UserError",
      message: "Object sale.orders doesn't exist",
    })
  })
})

describe("the Odoo sandbox's keys", () => {
  it("takes any non-empty key unless it is given its keys, as `esl init`'s config expects", async () => {
    server.use(...odooSandbox({ rateLimits: false }).handlers)
    expect((await json2("res.partner", "search_count", { domain: [] }, "sandbox-key")).status).toBe(200)
    expect((await json2("res.partner", "search_count", { domain: [] }, " ")).status).toBe(401)
  })
})

describe("the Odoo sandbox's rate limit", () => {
  it("answers 429 with Retry-After past its budget", async () => {
    const limited = odooSandbox()
    server.use(...limited.handlers)
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch("https://odoo.test/json/2/res.partner/search_count", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `bearer ${SANDBOX_API_KEY}` },
          body: JSON.stringify({ domain: [] }),
        }),
      ),
    )
    const throttled = answers.filter((a) => a.status === 429)
    expect(throttled.length).toBeGreaterThan(0)
    expect(throttled[0]?.headers.get("retry-after")).toBe("1")
  })
})

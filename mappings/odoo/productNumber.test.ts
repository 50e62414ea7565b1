import { setupServer } from "msw/node"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { odooSandbox } from "../../connectors/odoo/sandbox/index.ts"
import { productsStream } from "../../connectors/odoo/streams/products.ts"
import { PROTOCOLS, readAll, run, runFailure, systemFor } from "../../connectors/odoo/testing.ts"
import { decode } from "./testing.ts"

const sandbox = odooSandbox({ rateLimits: false })
const server = setupServer(...sandbox.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: "error" }))
beforeEach(() => sandbox.reset())
afterAll(() => server.close())

const productNumbers = async (raws: ReadonlyArray<unknown>) =>
  (await Promise.all(raws.map((raw) => decode("product", raw)))).map((p) => p.productNumber).sort()

describe.each(PROTOCOLS)("odoo product number over %s", (protocol) => {
  it("takes the configured custom field, so multi-variant templates join a PIM's product models", async () => {
    const system = await systemFor(protocol, { productNumberField: "x_studio_product_number" })
    const raws = await readAll(productsStream, system.context)
    expect(await productNumbers(raws)).toEqual(["ALP-BEANIE", "ALP-BOTTLE-075", "ALP-HOOD", "ALP-TEE", "ALP-TRAIL"])
  })

  it("falls back to default_code, then odoo-tmpl-<id>, where the field is empty or not configured", async () => {
    const configured = await systemFor(protocol, { productNumberField: "x_studio_product_number" })
    sandbox.state.orm.write("product.template", [2], { x_studio_product_number: false })
    expect(await productNumbers(await readAll(productsStream, configured.context))).toContain("odoo-tmpl-2")
    const plain = await systemFor(protocol)
    expect(await productNumbers(await readAll(productsStream, plain.context))).toEqual([
      "ALP-BEANIE",
      "ALP-BOTTLE-075",
      "odoo-tmpl-1",
      "odoo-tmpl-2",
      "odoo-tmpl-3",
    ])
  })

  it("reads it by id too (webhook and DLQ replay path)", async () => {
    const system = await systemFor(protocol, { productNumberField: "x_studio_product_number" })
    const [tee] = await run(productsStream.readByIds!(system.context, ["1"]))
    expect(tee?.product_number).toBe("ALP-TEE")
  })

  it("fails the read with Odoo's error when the field does not exist on product.template", async () => {
    const system = await systemFor(protocol, { productNumberField: "x_product_number" })
    const error = await runFailure(productsStream.readByIds!(system.context, ["1"]))
    expect(JSON.stringify(error)).toContain("Invalid field 'x_product_number' on model 'product.template'")
  })
})

import { describe, expect, it } from "vitest"
import { mappingContext } from "./context.ts"

const defaults = { locale: "de-DE", currency: "EUR", channel: "shopify", priceList: "shopify-de" }

const ctx = mappingContext("shopify", defaults, {
  location: {
    "gid://shopify/Location/71234": "BER-01",
    "gid://shopify/Location/71235": "HAM-WH",
  },
  carrier: { "DHL Express": "dhl", "DHL Paket": "dhl", "Deutsche Post": "post" },
})

describe("mappingContext", () => {
  it("carries the system and its defaults", () => {
    expect(ctx.system).toBe("shopify")
    expect(ctx.defaults.locale).toBe("de-DE")
    expect(ctx.defaults.priceList).toBe("shopify-de")
  })

  it("looks up a vendor id in a table", () => {
    expect(ctx.lookup("location", "gid://shopify/Location/71235")).toBe("HAM-WH")
  })

  it("looks up the vendor id for a canonical value in reverse", () => {
    expect(ctx.reverseLookup("location", "BER-01")).toBe("gid://shopify/Location/71234")
  })

  it("finds nothing for an unknown key, value or table", () => {
    expect(ctx.lookup("location", "gid://shopify/Location/99999")).toBeUndefined()
    expect(ctx.reverseLookup("location", "MUC-01")).toBeUndefined()
    expect(ctx.lookup("taxClass", "standard")).toBeUndefined()
    expect(ctx.reverseLookup("taxClass", "standard")).toBeUndefined()
  })

  it("does not mistake Object.prototype members for table entries", () => {
    expect(ctx.lookup("location", "constructor")).toBeUndefined()
    expect(ctx.lookup("location", "toString")).toBeUndefined()
    expect(ctx.lookup("toString", "call")).toBeUndefined()
    expect(ctx.reverseLookup("constructor", "Object")).toBeUndefined()
  })

  it("reverses a value several keys share to the first key, as valueMap does", () => {
    expect(ctx.reverseLookup("carrier", "dhl")).toBe("DHL Express")
  })

  it("works without tables", () => {
    const bare = mappingContext("odoo", { ...defaults, channel: "odoo" })
    expect(bare.lookup("location", "1")).toBeUndefined()
    expect(bare.reverseLookup("location", "BER-01")).toBeUndefined()
  })
})

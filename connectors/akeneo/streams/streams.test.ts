import { describe, expect, it } from "vitest"
import { productsSink } from "../sinks/products.ts"
import { pimSystem, readPages, run, useAkeneoSandbox } from "../testing.ts"
import { categoriesStream } from "./categories.ts"
import { productPosition, productsStream } from "./products.ts"

describe("Akeneo products stream", () => {
  const { sandbox } = useAkeneoSandbox({ rateLimits: false })

  it("yields one record per product model and simple product, oldest change first", async () => {
    const pim = await pimSystem()
    const records = (await readPages(productsStream, pim.context)).flat()
    expect(records.map((r) => [r.code, productPosition(r).at])).toEqual([
      ["ALP-BOTTLE-075", "2026-10-03T16:45:00Z"],
      ["ALP-TRAIL", "2026-10-04T12:01:00Z"],
      ["ALP-HOOD", "2026-10-06T10:00:00Z"],
      ["ALP-TEE", "2026-10-07T14:15:00Z"],
      ["ALP-BEANIE", "2026-10-08T11:20:00Z"],
    ])
    const tee = records.find((r) => r.code === "ALP-TEE")
    expect(tee?.variants.map((v) => v.identifier)).toEqual([
      "ALP-TEE-L-BLK",
      "ALP-TEE-M-BLK",
      "ALP-TEE-M-WHT",
      "ALP-TEE-S-BLK",
    ])
    expect(tee?.axes.map((a) => a.code)).toEqual(["size", "color"])
  })

  it("pages Akeneo's lists with search_after at the largest limit and follows _links.next", async () => {
    const pim = await pimSystem()
    await readPages(productsStream, pim.context)
    const lists = sandbox.state.requests.filter(
      (r) => r.path.endsWith("/products") || r.path.endsWith("/product-models"),
    )
    for (const list of lists) {
      const query = new URLSearchParams(list.search)
      expect(query.get("pagination_type")).toBe("search_after")
      expect(query.get("limit")).toBe("100")
      expect(query.get("scope")).toBe("ecommerce")
    }
  })

  it("gives pages of the requested size", async () => {
    const pim = await pimSystem()
    const pages = await readPages(productsStream, pim.context, { pageSize: 2 })
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1])
  })

  it("reads only what changed since the cursor, through Akeneo's `updated` filter", async () => {
    const pim = await pimSystem()
    const since = { at: "2026-10-06T10:00:00Z", id: "ALP-HOOD" }
    const records = (await readPages(productsStream, pim.context, { since })).flat()
    expect(records.map((r) => r.code)).toEqual(["ALP-HOOD", "ALP-TEE", "ALP-BEANIE"])
    const search = sandbox.state.requests
      .filter((r) => r.path.endsWith("/api/rest/v1/product-models"))
      .map((r) => new URLSearchParams(r.search).get("search"))
    expect(search).toEqual(['{"updated":[{"operator":">","value":"2026-10-06 09:59:59"}]}'])
  })

  it("brings the whole model along when one variant changed", async () => {
    const pim = await pimSystem()
    const all = (await readPages(productsStream, pim.context)).flat()
    const last = productPosition(all[all.length - 1]!)
    await run(
      productsSink.write(pim.context, [
        {
          naturalKey: "ALP-HOOD",
          payload: { productNumber: "ALP-HOOD", lines: [{ identifier: "ALP-HOOD-L-NVY", enabled: false }] },
        },
      ]),
    )
    // `since` is inclusive: the record at the cursor comes again (the engine drops it), then the change.
    const changed = (await readPages(productsStream, pim.context, { since: last }))
      .flat()
      .filter((r) => r.code !== "ALP-BEANIE")
    expect(changed.map((r) => r.code)).toEqual(["ALP-HOOD"])
    expect(Date.parse(productPosition(changed[0]!).at)).toBeGreaterThan(Date.parse(last.at))
    expect(changed[0]?.variants.map((v) => [v.identifier, v.enabled])).toEqual([
      ["ALP-HOOD-L-NVY", false],
      ["ALP-HOOD-M-NVY", true],
    ])
  })

  it("re-reads records by product number: a model with its variants, a simple product", async () => {
    const pim = await pimSystem()
    const records = await run(productsStream.readByIds!(pim.context, ["ALP-TRAIL", "ALP-BEANIE", "NO-SUCH-THING"]))
    expect(records.map((r) => [r.code, r.variants.length, r.product?.identifier ?? null])).toEqual([
      ["ALP-TRAIL", 3, null],
      ["ALP-BEANIE", 0, "ALP-BEANIE"],
    ])
  })
})

describe("Akeneo categories stream", () => {
  useAkeneoSandbox({ rateLimits: false })

  it("yields every category with its parent, in updated order", async () => {
    const pim = await pimSystem()
    const categories = (await readPages(categoriesStream, pim.context, { pageSize: 4 })).flat()
    expect(categories.map((c) => [c.code, c.parent])).toEqual([
      ["master", null],
      ["apparel", "master"],
      ["tshirts", "apparel"],
      ["hoodies", "apparel"],
      ["footwear", "master"],
      ["accessories", "master"],
    ])
  })

  it("reads only categories changed since the cursor", async () => {
    const pim = await pimSystem()
    const since = { at: "2026-09-01T08:10:00Z", id: "footwear" }
    const categories = (await readPages(categoriesStream, pim.context, { since })).flat()
    expect(categories.map((c) => c.code)).toEqual(["footwear", "accessories"])
  })
})

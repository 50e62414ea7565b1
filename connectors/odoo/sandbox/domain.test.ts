import { beforeEach, describe, expect, it } from "vitest"
import { OdooException } from "./errors.ts"
import { odooModels } from "./models/index.ts"
import { Orm } from "./orm.ts"
import { loadSeed } from "./seed.ts"

let orm: Orm
beforeEach(() => {
  orm = new Orm(odooModels)
  loadSeed(orm)
})

const codes = (domain: unknown, options = {}) =>
  orm.search("product.product", domain, options).map((id) => orm.get("product.product", id)?.default_code)

const raised = (work: () => unknown): OdooException => {
  try {
    work()
  } catch (error) {
    if (error instanceof OdooException) return error
    throw error
  }
  throw new Error("expected an Odoo exception")
}

describe("Odoo domains in the sandbox", () => {
  it("and-s consecutive terms and reads prefix operators", () => {
    expect(
      codes(
        [
          ["default_code", "like", "ALP-TEE"],
          ["default_code", "like", "BLK"],
        ],
        { order: "id" },
      ),
    ).toEqual(["ALP-TEE-S-BLK", "ALP-TEE-M-BLK", "ALP-TEE-L-BLK"])
    expect(codes(["|", ["default_code", "=", "SHIP"], ["default_code", "=", "DISCOUNT"]], { order: "id" })).toEqual([
      "SHIP",
      "DISCOUNT",
    ])
    expect(
      codes(["&", ["default_code", "like", "ALP-"], "!", ["default_code", "like", "TEE"]], { order: "id" }),
    ).toEqual([
      "ALP-HOOD-M-NVY",
      "ALP-HOOD-L-NVY",
      "ALP-TRAIL-42",
      "ALP-TRAIL-43",
      "ALP-TRAIL-44",
      "ALP-BOTTLE-075",
      "ALP-BEANIE",
    ])
  })

  it("nests | and & as the incremental cursor domain does", () => {
    const after = [
      "|",
      ["write_date", ">", "2026-02-10 08:00:00"],
      "&",
      ["write_date", "=", "2026-02-10 08:00:00"],
      ["id", ">", 7],
    ]
    expect(codes(after, { order: "write_date asc, id asc" })).toEqual([
      "ALP-TRAIL-43",
      "ALP-BOTTLE-075",
      "ALP-BEANIE",
      "ALP-TRAIL-44",
    ])
  })

  it("compares with every operator Odoo has", () => {
    const quants = (domain: unknown) => orm.search("stock.quant", domain, { order: "id" })
    expect(quants([["quantity", "<", 0]])).toEqual([15])
    expect(quants([["quantity", ">=", 60]])).toEqual([11, 12, 13])
    expect(
      quants([
        ["quantity", "<=", 3],
        ["quantity", ">", 0],
      ]),
    ).toEqual([16, 20])
    expect(quants([["reserved_quantity", "!=", 0]])).toEqual([2, 6, 9, 11, 20])
    expect(quants([["product_id", "in", [10]]])).toEqual([11, 12, 17, 18])
    expect(quants([["product_id", "not in", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]])).toEqual([13, 19])
    expect(
      quants([
        ["lot_id", "=", false],
        ["product_id", "=", 10],
      ]),
    ).toEqual([])
    expect(quants([["lot_id", "!=", false]])).toEqual([11, 12, 17, 18])
  })

  it("matches like, ilike, =like and =ilike as SQL does", () => {
    const partners = (domain: unknown) => orm.search("res.partner", domain, { order: "id" })
    expect(partners([["email", "ilike", "sophie.brandt@example.com"]])).toEqual([21])
    expect(partners([["email", "like", "sophie.brandt"]])).toEqual([])
    expect(partners([["email", "=ilike", "%@bergwerk-sport.de"]])).toEqual([10, 11, 13])
    expect(partners([["name", "=like", "L_kas%"]])).toEqual([22])
    expect(
      partners([
        ["name", "not ilike", "a"],
        ["parent_id", "=", false],
      ]),
    ).toEqual([10])
  })

  it("follows many2one paths and treats many2one values by id or display name", () => {
    const quants = (domain: unknown) => orm.search("stock.quant", domain, { order: "id" })
    expect(quants([["location_id.usage", "!=", "internal"]])).toEqual([21])
    expect(quants([["location_id.warehouse_id.code", "=", "BER"]])).toEqual([14, 15, 16, 17, 18, 19, 20])
    expect(
      quants([
        ["product_id", "ilike", "bottle"],
        ["warehouse_id", "=", 2],
      ]),
    ).toEqual([17, 18])
  })

  it("follows one2many paths as 'any of the related records'", () => {
    const templates = orm.search("product.template", [["product_variant_ids.write_date", ">", "2026-02-20 00:00:00"]])
    expect(templates).toEqual([3])
    const withoutBlack = orm.search("product.template", [["product_variant_ids.default_code", "not like", "BLK"]], {
      order: "id",
    })
    expect(withoutBlack).toEqual([2, 3, 4, 5, 6, 7])
    const parents = orm.search("res.partner", [["child_ids.type", "=", "delivery"]])
    expect(parents).toEqual([10])
  })

  it("leaves archived records out unless the domain names `active` or the context says so", () => {
    expect(orm.search("res.partner", [["ref", "=", "C-09999"]])).toEqual([])
    expect(
      orm.search("res.partner", [
        ["ref", "=", "C-09999"],
        ["active", "in", [true, false]],
      ]),
    ).toEqual([25])
    expect(orm.search("res.partner", [["ref", "=", "C-09999"]], { activeTest: false })).toEqual([25])
  })

  it("orders by several fields, empty values last, id as the last tie-break, then offsets and limits", () => {
    const ordered = orm.search("product.product", [["default_code", "like", "ALP-TEE"]], {
      order: "write_date desc, default_code asc",
    })
    expect(ordered).toEqual([3, 2, 4, 1])
    const page = orm.search("product.product", [], { order: "write_date asc, id asc", offset: 2, limit: 3 })
    expect(page).toEqual([1, 2, 3])
    const partners = orm.search("res.partner", [["id", "in", [13, 12]]], { order: "name asc" })
    expect(partners).toEqual([12, 13])
  })

  it("takes the always-true and always-false leaves", () => {
    expect(orm.search("stock.warehouse", [[1, "=", 1]])).toEqual([1, 2])
    expect(orm.search("stock.warehouse", [[0, "=", 1]])).toEqual([])
  })

  it("raises Odoo's ValueError for unknown fields, operators and malformed domains", () => {
    expect(raised(() => orm.search("res.partner", [["nickname", "=", "x"]]))).toMatchObject({
      exception: "builtins.ValueError",
      status: 500,
    })
    expect(raised(() => orm.search("res.partner", [["name", "~", "x"]])).message).toContain("Invalid leaf operator")
    expect(raised(() => orm.search("res.partner", ["|", ["name", "=", "x"]])).message).toContain("Invalid domain")
    expect(raised(() => orm.search("res.partner", [["name.id", "=", 1]])).message).toContain("not relational")
  })
})
